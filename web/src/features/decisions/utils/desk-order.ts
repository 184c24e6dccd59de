import type { DecisionStatus, DecisionSummary } from '@/types';

export const OPEN_STATUSES: readonly DecisionStatus[] = ['requested', 'info_asked'];

export const isOpen = (d: Pick<DecisionSummary, 'status'>) => OPEN_STATUSES.includes(d.status);

/**
 * The desk's order, most urgent first: open requests by their needed-by (one already past it first, being the
 * most urgent), then the earlier asked; requests no longer open are not on the desk's pending list.
 */
export function pendingByUrgency<T extends Pick<DecisionSummary, 'status' | 'neededBy' | 'requestedAt' | 'id'>>(items: readonly T[]): T[] {
  const at = (iso: string) => new Date(iso).getTime();
  return items
    .filter(isOpen)
    .slice()
    .sort((a, b) => at(a.neededBy) - at(b.neededBy) || at(a.requestedAt) - at(b.requestedAt) || a.id.localeCompare(b.id));
}

export type DecisionChange = 'requested' | 'decided' | 'lapsed' | 'withdrawn';

export interface ChangedDecision<T> {
  decision: T;
  change: DecisionChange;
  /** when it happened (a lapse at the deadline; a withdrawal is known only to have happened since the request) */
  at: string;
}

/**
 * What happened to decisions since a time: asked, decided, lapsed (at its deadline) or withdrawn, newest first.
 * `since` null (the first visit): nothing is "new".
 */
export function decisionChangesSince<T extends DecisionSummary>(items: readonly T[], since: string | null, now: Date = new Date()): ChangedDecision<T>[] {
  if (!since) return [];
  const from = new Date(since).getTime();
  const after = (iso: string | null | undefined) => !!iso && new Date(iso).getTime() > from && new Date(iso).getTime() <= now.getTime();
  const out: ChangedDecision<T>[] = [];
  for (const d of items) {
    if (d.status === 'decided' && after(d.decidedAt)) out.push({ decision: d, change: 'decided', at: d.decidedAt! });
    else if (d.status === 'lapsed' && after(d.neededBy)) out.push({ decision: d, change: 'lapsed', at: d.neededBy });
    else if (d.status === 'withdrawn' && after(d.requestedAt)) out.push({ decision: d, change: 'withdrawn', at: d.requestedAt });
    else if (isOpen(d) && after(d.requestedAt)) out.push({ decision: d, change: 'requested', at: d.requestedAt });
  }
  return out.sort((a, b) => new Date(b.at).getTime() - new Date(a.at).getTime());
}
