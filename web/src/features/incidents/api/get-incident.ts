import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { IncidentDetail } from '@/types';
import { incidentKeys } from './incident-keys';

export const getIncident = (id: string, signal?: AbortSignal) =>
  api.get<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}`, undefined, signal);

export const incidentQueryOptions = (id: string) =>
  queryOptions({
    queryKey: incidentKeys.detail(id),
    queryFn: ({ signal }) => getIncident(id, signal),
  });

export const useIncident = (id: string) => useQuery(incidentQueryOptions(id));
