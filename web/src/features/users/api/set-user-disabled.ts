import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { UserDto } from '@/types';
import { usersKeys } from './get-users';

export interface SetUserDisabledInput {
  id: string;
  version: number;
  disable: boolean;
}

export const setUserDisabled = ({ id, version, disable }: SetUserDisabledInput) =>
  apiRequest<UserDto>(`/api/users/${encodeURIComponent(id)}/${disable ? 'disable' : 'enable'}`, { method: 'POST', body: {}, version });

export function useSetUserDisabled() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: setUserDisabled,
    onSettled: () => void qc.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
