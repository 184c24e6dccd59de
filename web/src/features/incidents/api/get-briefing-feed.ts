import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { BriefingFeed } from '@/types';
import { ESCALATION_POLL_MS } from './get-escalation';
import { incidentKeys } from './incident-keys';

/** GET /api/briefings: briefings posted on open incidents in the last 24 h, and when each serious incident's next one is due. */
export const getBriefingFeed = (signal?: AbortSignal) => api.get<BriefingFeed>('/api/briefings', undefined, signal);

export const briefingFeedQueryOptions = () =>
  queryOptions({
    queryKey: incidentKeys.briefingFeed(),
    queryFn: ({ signal }) => getBriefingFeed(signal),
    // Briefings arrive and fall due while the executive only watches: poll as the incident's own panel does.
    refetchInterval: ESCALATION_POLL_MS,
    staleTime: 0,
  });

export const useBriefingFeed = () => useQuery(briefingFeedQueryOptions());
