import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DecisionKindList } from '@/types';
import { decisionKeys } from './decision-keys';

export const getDecisionKinds = (signal?: AbortSignal) => api.get<DecisionKindList>('/api/decisions/kinds', undefined, signal);

/** The kinds with their pre-written question, options and guidance (ja and en): fixed for a running server. */
export const decisionKindsQueryOptions = () =>
  queryOptions({ queryKey: decisionKeys.kinds(), queryFn: ({ signal }) => getDecisionKinds(signal), staleTime: Infinity });

export const useDecisionKinds = () => useQuery(decisionKindsQueryOptions());
