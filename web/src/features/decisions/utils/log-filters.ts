import { orgWallToIso } from '@/lib/format';
import type { DecisionKind, DecisionStatus } from '@/types';
import type { DecisionFilters } from '../api/decision-keys';

export interface LogFilterValues {
  status: DecisionStatus | 'open' | '';
  kind: DecisionKind | '';
  incident: string;
  /** calendar days in the organisation's zone, "YYYY-MM-DD" or '' */
  from: string;
  to: string;
}

/** The API's filters: a period of whole days, "to" included (its end is the next day's start). */
export function toDecisionFilters(v: LogFilterValues): DecisionFilters {
  const nextDay = (day: string) => {
    const d = new Date(`${day}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1);
    return d.toISOString().slice(0, 10);
  };
  return {
    status: v.status || undefined,
    kind: v.kind || undefined,
    incident: v.incident || undefined,
    from: v.from ? orgWallToIso(`${v.from} 00:00:00`) : undefined,
    to: v.to ? orgWallToIso(`${nextDay(v.to)} 00:00:00`) : undefined,
  };
}

