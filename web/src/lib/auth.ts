import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, Role, UserDto } from '@/types';
import { apiRequest, isApiError } from './api-client';

export const meQueryKey = ['auth', 'me'] as const;

/** GET /api/auth/me; null when not logged in (401). Also refreshes the XSRF-TOKEN cookie. */
export async function getMe(): Promise<UserDto | null> {
  try {
    return await apiRequest<UserDto>('/api/auth/me', { redirectOnUnauthorized: false });
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });

export const useMe = () => useQuery(meQueryOptions());

export const login = (body: LoginRequest) =>
  apiRequest<UserDto>('/api/auth/login', { method: 'POST', body, redirectOnUnauthorized: false });

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: login,
    onSuccess: (user) => qc.setQueryData(meQueryKey, user),
  });
}

export const logout = () => apiRequest<void>('/api/auth/logout', { method: 'POST', body: {}, redirectOnUnauthorized: false });

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: logout,
    onSettled: () => {
      qc.clear();
      qc.setQueryData(meQueryKey, null);
    },
  });
}

export const RESPONDER_ROLES: readonly Role[] = ['Responder', 'Executive', 'Admin'];
export const COMMAND_ROLES: readonly Role[] = ['Responder', 'Admin'];

export const hasAnyRole = (user: UserDto | null | undefined, roles: readonly Role[]) =>
  !!user && user.roles.some((r) => (roles as readonly string[]).includes(r));

export const canSeeBoard = (user: UserDto | null | undefined) => hasAnyRole(user, RESPONDER_ROLES);
export const canRunCommands = (user: UserDto | null | undefined) => hasAnyRole(user, COMMAND_ROLES);
export const isAdmin = (user: UserDto | null | undefined) => hasAnyRole(user, ['Admin']);

export const homePathFor = (user: UserDto | null | undefined) => (canSeeBoard(user) ? '/board' : '/report');
