import type { Impact, InfoClass, Severity } from '@/types';

const INFO_LEVEL: Record<InfoClass, number> = { public: 1, business: 2, confidential: 3 };
const IMPACT_LEVEL: Record<Impact, number> = { minor: 1, serious: 2, extremely_serious: 3 };
const BY_LEVEL: Severity[] = ['low', 'medium', 'high', 'critical'];

/**
 * Preview of the severity the API derives at triage (seeds digest section 7): the higher of information
 * class and impact, raised one level (at most critical) when personal data is involved or users may be harmed.
 */
export function deriveSeverity(input: {
  infoClass: InfoClass | '' | null | undefined;
  impact: Impact | '' | null | undefined;
  personalDataInvolved: boolean;
  usersMayBeHarmed?: boolean;
}): Severity | null {
  if (!input.infoClass || !input.impact) return null;
  let level = Math.max(INFO_LEVEL[input.infoClass], IMPACT_LEVEL[input.impact]);
  if (input.personalDataInvolved || input.usersMayBeHarmed) level += 1;
  return BY_LEVEL[Math.min(level, 4) - 1] ?? null;
}
