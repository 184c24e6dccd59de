import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DecisionList } from '@/types';
import { decisionKeys, type DecisionFilters } from './decision-keys';

export const getDecisions = (filters: DecisionFilters, signal?: AbortSignal) =>
  api.get<DecisionList>('/api/decisions', { ...filters, awaitingMe: filters.awaitingMe || undefined }, signal);

export const decisionsQueryOptions = (filters: DecisionFilters) =>
  queryOptions({
    queryKey: decisionKeys.list(filters),
    queryFn: ({ signal }) => getDecisions(filters, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

export const useDecisions = (filters: DecisionFilters, enabled = true) => useQuery({ ...decisionsQueryOptions(filters), enabled });

/** One incident's requests (its decision log, the pending badge, the steps' state): one query shared by all. */
export const useIncidentDecisions = (incidentId: string) => useDecisions({ incident: incidentId });
