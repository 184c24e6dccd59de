import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { TimelineList } from '@/types';
import { incidentKeys } from './incident-keys';

export const getTimeline = (id: string, signal?: AbortSignal) =>
  api.get<TimelineList>(`/api/incidents/${encodeURIComponent(id)}/timeline`, undefined, signal);

export const timelineQueryOptions = (id: string) =>
  queryOptions({
    queryKey: incidentKeys.timeline(id),
    queryFn: ({ signal }) => getTimeline(id, signal),
  });

export const useTimeline = (id: string, enabled = true) => useQuery({ ...timelineQueryOptions(id), enabled });
