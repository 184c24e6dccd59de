import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { UserList } from '@/types';

export const usersKeys = { all: ['users'] as const, list: () => ['users', 'list'] as const };

export const getUsers = (signal?: AbortSignal) => api.get<UserList>('/api/users', undefined, signal);

export const usersQueryOptions = () => queryOptions({ queryKey: usersKeys.list(), queryFn: ({ signal }) => getUsers(signal) });

export const useUsers = () => useQuery(usersQueryOptions());
