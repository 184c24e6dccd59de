import type { DecisionKind, DecisionStatus } from '@/types';

export interface DecisionFilters {
  /** a status, or "open" (requested or information asked) */
  status?: DecisionStatus | 'open';
  kind?: DecisionKind;
  /** an incident id */
  incident?: string;
  /** period of the request: from (inclusive) .. to (exclusive), ISO instants */
  from?: string;
  to?: string;
  /** an Executive's desk: the requests waiting for the caller */
  awaitingMe?: boolean;
}

export const decisionKeys = {
  all: ['decisions'] as const,
  lists: () => [...decisionKeys.all, 'list'] as const,
  list: (filters: DecisionFilters) => [...decisionKeys.lists(), filters] as const,
  detail: (id: string) => [...decisionKeys.all, 'detail', id] as const,
  kinds: () => [...decisionKeys.all, 'kinds'] as const,
  executives: () => ['users', 'executives'] as const,
};

/**
 * Incident queries a decision changes (the step it completes, the board's pending badge, the timeline). The
 * incidents feature owns those keys; this prefix is the public part of them (every incident query starts with it).
 */
export const INCIDENT_QUERIES = ['incidents'] as const;
