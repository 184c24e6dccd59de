import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { SetupStatusView } from '@/types';

export const setupKeys = { status: ['setup', 'status'] as const };

export const getSetupStatus = (signal?: AbortSignal) => api.get<SetupStatusView>('/api/admin/setup', undefined, signal);

export const setupStatusQueryOptions = () =>
  queryOptions({ queryKey: setupKeys.status, queryFn: ({ signal }) => getSetupStatus(signal), staleTime: 10_000 });

export const useSetupStatus = () => useQuery(setupStatusQueryOptions());
