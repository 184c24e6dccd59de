import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DecisionDetail } from '@/types';
import { decisionKeys } from './decision-keys';

export const getDecision = (id: string, signal?: AbortSignal) =>
  api.get<DecisionDetail>(`/api/decisions/${encodeURIComponent(id)}`, undefined, signal);

export const decisionQueryOptions = (id: string) =>
  queryOptions({
    queryKey: decisionKeys.detail(id),
    queryFn: ({ signal }) => getDecision(id, signal),
    refetchInterval: 30_000,
  });

export const useDecision = (id: string) => useQuery(decisionQueryOptions(id));
