import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DrillRunList, DrillStatus } from '@/types';
import { drillKeys } from './drill-keys';

/** GET /api/drills/runs: staff see every run, anyone else the runs they take part in (newest planned first). */
export const getDrills = (status?: DrillStatus, signal?: AbortSignal) => api.get<DrillRunList>('/api/drills/runs', { status }, signal);

export const drillsQueryOptions = (status?: DrillStatus) =>
  queryOptions({ queryKey: drillKeys.list(status), queryFn: ({ signal }) => getDrills(status, signal), refetchInterval: 30_000 });

export const useDrills = (status?: DrillStatus) => useQuery(drillsQueryOptions(status));
