import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { EditUserRequest, UserDto } from '@/types';
import { usersKeys } from './get-users';

export interface EditUserInput {
  id: string;
  version: number;
  body: EditUserRequest;
}

export const editUser = ({ id, version, body }: EditUserInput) =>
  apiRequest<UserDto>(`/api/users/${encodeURIComponent(id)}`, { method: 'PUT', body, version });

export function useEditUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: editUser,
    onSettled: () => void qc.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
