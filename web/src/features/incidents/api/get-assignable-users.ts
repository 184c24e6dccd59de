import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { AssignableUserList } from '@/types';
import { incidentKeys } from './incident-keys';

export const getAssignableUsers = (signal?: AbortSignal) =>
  api.get<AssignableUserList>('/api/users/assignable', undefined, signal);

export const assignableUsersQueryOptions = () =>
  queryOptions({
    queryKey: incidentKeys.assignable(),
    queryFn: ({ signal }) => getAssignableUsers(signal),
    staleTime: 5 * 60_000,
  });

export const useAssignableUsers = (enabled = true) => useQuery({ ...assignableUsersQueryOptions(), enabled });
