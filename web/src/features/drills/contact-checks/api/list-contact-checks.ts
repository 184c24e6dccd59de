import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { ContactCheckList } from '@/types';
import { contactCheckKeys, RUNNING_REFRESH_MS } from './get-contact-check';

/** The contact-chain checks of a drill run, with their results per person. */
export const listContactChecks = (runId: string, signal?: AbortSignal) =>
  apiRequest<ContactCheckList>('/api/drills/contact-checks', { query: { runId }, signal });

export const contactChecksOfRunQueryOptions = (runId: string) =>
  queryOptions({
    queryKey: contactCheckKeys.run(runId),
    queryFn: ({ signal }) => listContactChecks(runId, signal),
    refetchInterval: (query) => (query.state.data?.items.some((c) => c.status === 'running') ? RUNNING_REFRESH_MS : false),
  });

export const useContactChecksOfRun = (runId: string) => useQuery(contactChecksOfRunQueryOptions(runId));
