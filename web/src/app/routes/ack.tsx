import { AckLanding } from '@/features/ack-links/components/ack-landing';

export function AckRoute() {
  return <AckLanding />;
}
