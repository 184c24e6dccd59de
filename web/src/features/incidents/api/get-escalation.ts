import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { IncidentEscalationView } from '@/types';
import { incidentKeys } from './incident-keys';

export const getEscalation = (id: string, signal?: AbortSignal) =>
  api.get<IncidentEscalationView>(`/api/incidents/${encodeURIComponent(id)}/escalation`, undefined, signal);

export const escalationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...incidentKeys.detail(id), 'escalation'] as const,
    queryFn: ({ signal }) => getEscalation(id, signal),
    refetchInterval: 30_000,
  });

export const useEscalation = (id: string) => useQuery(escalationQueryOptions(id));
