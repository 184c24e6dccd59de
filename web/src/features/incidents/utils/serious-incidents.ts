import type { IncidentSummary } from '@/types';

const at = (iso: string) => new Date(iso).getTime();

/** Open incidents at critical then high severity, the oldest first within each. */
export function seriousOpenIncidents(critical: readonly IncidentSummary[], high: readonly IncidentSummary[]): IncidentSummary[] {
  const open = (l: readonly IncidentSummary[]) => l.filter((i) => i.stage !== 'closed').sort((a, b) => at(a.noticedAt) - at(b.noticedAt));
  return [...open(critical), ...open(high)];
}

