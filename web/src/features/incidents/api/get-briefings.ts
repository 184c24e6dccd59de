import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { IncidentBriefings } from '@/types';
import { ESCALATION_POLL_MS } from './get-escalation';
import { incidentKeys } from './incident-keys';

export const getBriefings = (id: string, signal?: AbortSignal) =>
  api.get<IncidentBriefings>(`/api/incidents/${encodeURIComponent(id)}/briefings`, undefined, signal);

export const briefingsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: incidentKeys.briefings(id),
    queryFn: ({ signal }) => getBriefings(id, signal),
    // A briefing falls due and its late notice goes out by timer, with nobody on this page acting: poll like the
    // escalation panel does, so the countdown and the late notice show within seconds. An incident that cannot be
    // briefed (below high, closed) is not polled: a severity change refetches it (refreshAfterCommand).
    refetchInterval: (query) => (query.state.data?.canPost ? ESCALATION_POLL_MS : false),
    staleTime: 0,
  });

export const useBriefings = (id: string) => useQuery(briefingsQueryOptions(id));
