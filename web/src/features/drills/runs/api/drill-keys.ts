import type { DrillStatus } from '@/types';

export const drillKeys = {
  all: ['drills'] as const,
  lists: () => [...drillKeys.all, 'list'] as const,
  list: (status?: DrillStatus) => [...drillKeys.lists(), status ?? 'all'] as const,
  detail: (id: string) => [...drillKeys.all, 'detail', id] as const,
  scenarios: () => [...drillKeys.all, 'scenarios'] as const,
  scenario: (id: string) => [...drillKeys.scenarios(), id] as const,
};
