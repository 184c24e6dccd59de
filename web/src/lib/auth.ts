import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { LoginRequest, MeDto, Role } from '@/types';
import { apiRequest, isApiError } from './api-client';
import { setOrgTimeZone } from './format';
import { adoptAccountLanguage } from './i18n';
import { setupSeen } from './setup-seen';

/**
 * Every account answer carries the organisation's time zone, which every time on screen is written in, and the
 * account's language, which the screen adopts where nobody picked one in this browser. Both are set before the
 * answer reaches any component, so the whole page renders once in them (an effect in a child component switched
 * the language before the header had subscribed to the change, leaving the header in the old language).
 */
const withZone = (me: MeDto): MeDto => {
  setOrgTimeZone(me.timeZone);
  adoptAccountLanguage(me.language);
  return me;
};

export const meQueryKey = ['auth', 'me'] as const;

/** GET /api/auth/me; null when not logged in (401). Also refreshes the XSRF-TOKEN cookie. */
export async function getMe(): Promise<MeDto | null> {
  try {
    return withZone(await apiRequest<MeDto>('/api/auth/me', { redirectOnUnauthorized: false }));
  } catch (e) {
    if (isApiError(e) && e.status === 401) return null;
    throw e;
  }
}

export const meQueryOptions = () => queryOptions({ queryKey: meQueryKey, queryFn: getMe, staleTime: 60_000 });

export const useMe = () => useQuery(meQueryOptions());

export const login = async (body: LoginRequest) =>
  withZone(await apiRequest<MeDto>('/api/auth/login', { method: 'POST', body, redirectOnUnauthorized: false }));

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

export const hasAnyRole = (user: MeDto | null | undefined, roles: readonly Role[]) =>
  !!user && user.roles.some((r) => (roles as readonly string[]).includes(r));

export const canSeeBoard = (user: MeDto | null | undefined) => hasAnyRole(user, RESPONDER_ROLES);
export const canRunCommands = (user: MeDto | null | undefined) => hasAnyRole(user, COMMAND_ROLES);
export const isAdmin = (user: MeDto | null | undefined) => hasAnyRole(user, ['Admin']);
export const isExecutive = (user: MeDto | null | undefined) => hasAnyRole(user, ['Executive']);

/**
 * Whether the signed-in account is an admin (seed file names and lines, content hashes are theirs to see). Reads
 * the session the app already loaded before any page (RequireAuth); never fetches it itself.
 */
export const useIsAdmin = () => isAdmin(useQuery({ ...meQueryOptions(), enabled: false }).data);

/**
 * An admin's first sign-in (on this browser) opens the setup checklist; an Executive lands on their desk
 * (decisions waiting for them), other staff on the board, reporters on the report form.
 */
export const homePathFor = (user: MeDto | null | undefined) =>
  user && isAdmin(user) && !setupSeen(user.id)
    ? '/admin/setup'
    : isExecutive(user)
      ? '/desk'
      : canSeeBoard(user)
        ? '/board'
        : '/report';
