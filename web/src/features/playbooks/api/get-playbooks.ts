import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { PlaybookList } from '@/types';
import { playbookKeys } from './playbook-keys';

export const getPlaybooks = (signal?: AbortSignal) => api.get<PlaybookList>('/api/playbooks', undefined, signal);

export const playbooksQueryOptions = () =>
  queryOptions({
    queryKey: playbookKeys.list(),
    queryFn: ({ signal }) => getPlaybooks(signal),
    staleTime: 5 * 60_000,
  });

export const usePlaybooks = () => useQuery(playbooksQueryOptions());
