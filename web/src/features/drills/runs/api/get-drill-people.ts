import { useQuery } from '@tanstack/react-query';
import { assignableUsersQueryOptions } from '@/features/incidents/api/get-assignable-users';
import { executivesQueryOptions } from '@/features/decisions/api/get-executives';
import { usersQueryOptions } from '@/features/users/api/get-users';
import type { Role } from '@/types';

export interface DrillPerson {
  id: string;
  name: string;
  /** the roles when known (an admin reads every account); empty for the lists staff read */
  roles: Role[];
  /** may facilitate: a Responder or Admin account */
  facilitates: boolean;
}

/**
 * Who can take part: an admin picks from every enabled account; a responder from the accounts staff can list
 * (responders and admins, executives).
 */
export function useDrillPeople(isAdmin: boolean) {
  const all = useQuery({ ...usersQueryOptions(), enabled: isAdmin });
  const assignable = useQuery({ ...assignableUsersQueryOptions(), enabled: !isAdmin });
  const executives = useQuery({ ...executivesQueryOptions(), enabled: !isAdmin });
  if (isAdmin) {
    const people: DrillPerson[] | undefined = all.data?.items
      .filter((u) => !u.disabled)
      .map((u) => {
        const roles = u.roles as Role[];
        return { id: u.id, name: u.displayName, roles, facilitates: roles.includes('Responder') || roles.includes('Admin') };
      });
    return { people, error: all.error, isError: all.isError, refetch: () => void all.refetch() };
  }
  const staff = assignable.data?.items.map((u): DrillPerson => ({ id: u.id, name: u.displayName, roles: [], facilitates: true }));
  const execs = executives.data?.items
    .filter((u) => !staff?.some((s) => s.id === u.id))
    .map((u): DrillPerson => ({ id: u.id, name: u.displayName, roles: ['Executive'], facilitates: false }));
  const people = staff && execs ? [...staff, ...execs] : undefined;
  return {
    people,
    error: assignable.error ?? executives.error,
    isError: assignable.isError || executives.isError,
    refetch: () => {
      void assignable.refetch();
      void executives.refetch();
    },
  };
}
