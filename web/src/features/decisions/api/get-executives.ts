import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AssignableUserList } from '@/types';
import { decisionKeys } from './decision-keys';

/** Enabled Executive accounts: who may be asked for a decision, or be a deputy. */
export const getExecutives = (signal?: AbortSignal) => api.get<AssignableUserList>('/api/users/executives', undefined, signal);

export const executivesQueryOptions = () =>
  queryOptions({ queryKey: decisionKeys.executives(), queryFn: ({ signal }) => getExecutives(signal), staleTime: 5 * 60_000 });

export const useExecutives = () => useQuery(executivesQueryOptions());
