import { useInterval } from '@mantine/hooks';
import { useState } from 'react';

/** Now, once a second (the clock and the countdown to the next inject tick between polls). */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useInterval(() => setNow(Date.now()), 1000, { autoInvoke: true });
  return now;
}
