import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { IncidentList } from '@/types';
import { incidentKeys, type IncidentFilters } from './incident-keys';

export const getIncidents = (filters: IncidentFilters, signal?: AbortSignal) =>
  api.get<IncidentList>('/api/incidents', { ...filters }, signal);

export const incidentsQueryOptions = (filters: IncidentFilters) =>
  queryOptions({
    queryKey: incidentKeys.list(filters),
    queryFn: ({ signal }) => getIncidents(filters, signal),
    placeholderData: keepPreviousData,
    refetchInterval: 30_000,
  });

export const useIncidents = (filters: IncidentFilters) => useQuery(incidentsQueryOptions(filters));
