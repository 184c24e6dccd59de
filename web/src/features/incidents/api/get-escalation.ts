import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { IncidentEscalationView } from '@/types';
import { incidentKeys } from './incident-keys';

export const ESCALATION_POLL_MS = 3_000;

export const getEscalation = (id: string, signal?: AbortSignal) =>
  api.get<IncidentEscalationView>(`/api/incidents/${encodeURIComponent(id)}/escalation`, undefined, signal);

export const escalationQueryOptions = (id: string) =>
  queryOptions({
    queryKey: incidentKeys.escalation(id),
    queryFn: ({ signal }) => getEscalation(id, signal),
    // Timers fire and mails go out without any action on this page: poll while it is visible (TanStack
    // Query pauses the interval in a background tab), so a change shows within a few seconds.
    refetchInterval: ESCALATION_POLL_MS,
    staleTime: 0,
  });

export const useEscalation = (id: string) => useQuery(escalationQueryOptions(id));
