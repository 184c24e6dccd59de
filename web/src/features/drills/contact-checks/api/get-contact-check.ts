import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { ContactCheckView } from '@/types';

export const contactCheckKeys = {
  all: ['contact-checks'] as const,
  one: (checkId: string) => ['contact-checks', 'one', checkId] as const,
  run: (runId: string) => ['contact-checks', 'run', runId] as const,
  cadence: ['contact-checks', 'cadence'] as const,
};

/** While a check runs, its table refreshes every few seconds (the facilitator's console shows it live). */
export const RUNNING_REFRESH_MS = 3000;

export const getContactCheck = (checkId: string, signal?: AbortSignal) =>
  apiRequest<ContactCheckView>(`/api/drills/contact-checks/${encodeURIComponent(checkId)}`, { signal });

export const contactCheckQueryOptions = (checkId: string) =>
  queryOptions({
    queryKey: contactCheckKeys.one(checkId),
    queryFn: ({ signal }) => getContactCheck(checkId, signal),
    refetchInterval: (query) => (query.state.data?.status === 'running' ? RUNNING_REFRESH_MS : false),
  });

export const useContactCheck = (checkId: string) => useQuery(contactCheckQueryOptions(checkId));
