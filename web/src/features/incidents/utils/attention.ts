import type { IncidentSummary } from '@/types';

/** What makes an incident stand out on the board, most urgent first. */
export type AttentionState = 'breached' | 'overdue' | 'escalated';

export const ATTENTION_FILTERS = ['any', 'overdue', 'escalated', 'breached'] as const;
export type AttentionFilter = (typeof ATTENTION_FILTERS)[number];

type AttentionFacts = Pick<IncidentSummary, 'breached' | 'overdue' | 'escalated'>;

export function attentionStates(i: AttentionFacts): AttentionState[] {
  const states: AttentionState[] = [];
  if (i.breached) states.push('breached');
  if (i.overdue) states.push('overdue');
  if (i.escalated) states.push('escalated');
  return states;
}

/** The card's edge colour: the most urgent state's (red for a breach or an overdue deadline, orange when escalated). */
export const ATTENTION_COLOR: Record<AttentionState, string> = {
  breached: 'red.9',
  overdue: 'red.6',
  escalated: 'orange.6',
};
