import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { IncidentAlerts } from '@/types';
import { incidentKeys } from './incident-keys';

export const getIncidentAlerts = (id: string, signal?: AbortSignal) =>
  api.get<IncidentAlerts>(`/api/incidents/${encodeURIComponent(id)}/alerts`, undefined, signal);

/** Asks again every 2 s while an alert is still queued (the mail leaves within seconds), for at most a minute. */
export const incidentAlertsQueryOptions = (id: string) =>
  queryOptions({
    queryKey: [...incidentKeys.detail(id), 'alerts'] as const,
    queryFn: ({ signal }) => getIncidentAlerts(id, signal),
    refetchInterval: (query) => {
      const people = query.state.data?.people ?? [];
      const waiting = people.length === 0 || people.some((p) => p.status === 'queued');
      return waiting && query.state.dataUpdateCount < 30 ? 2000 : false;
    },
  });

export const useIncidentAlerts = (id: string) => useQuery(incidentAlertsQueryOptions(id));
