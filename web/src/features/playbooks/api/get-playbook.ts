import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { PlaybookDetail } from '@/types';
import { playbookKeys, type PlaybookQuery } from './playbook-keys';

export const getPlaybook = (id: string, q: PlaybookQuery = {}, signal?: AbortSignal) =>
  api.get<PlaybookDetail>(
    `/api/playbooks/${encodeURIComponent(id)}`,
    { version: q.version, basicOnly: q.basicOnly ? true : undefined },
    signal,
  );

export const playbookQueryOptions = (id: string, q: PlaybookQuery = {}) =>
  queryOptions({
    queryKey: playbookKeys.detail(id, { version: q.version, basicOnly: !!q.basicOnly }),
    queryFn: ({ signal }) => getPlaybook(id, q, signal),
    // a content hash names immutable content; the current version changes only on a redeploy
    staleTime: q.version ? Infinity : 5 * 60_000,
  });

export const usePlaybook = (id: string, q: PlaybookQuery = {}) =>
  useQuery({ ...playbookQueryOptions(id, q), placeholderData: keepPreviousData });
