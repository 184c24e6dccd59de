import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DrillDetail, DrillStatus } from '@/types';
import { drillKeys } from './drill-keys';

export const getDrill = (id: string, signal?: AbortSignal) => api.get<DrillDetail>(`/api/drills/runs/${encodeURIComponent(id)}`, undefined, signal);

/** While a drill runs its console refreshes every few seconds (injects fire, actions tick off, the chain answers). */
export const LIVE_POLL_MS = 4_000;
const live = (status: DrillStatus | undefined) => status === 'running' || status === 'paused' || status === 'stopped';

export const drillQueryOptions = (id: string) =>
  queryOptions({
    queryKey: drillKeys.detail(id),
    queryFn: ({ signal }) => getDrill(id, signal),
    refetchInterval: (q) => (live(q.state.data?.status) ? LIVE_POLL_MS : 30_000),
  });

export const useDrill = (id: string) => useQuery(drillQueryOptions(id));
