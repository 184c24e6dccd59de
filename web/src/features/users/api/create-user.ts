import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { CreateUserRequest, UserDto } from '@/types';
import { usersKeys } from './get-users';

export const createUser = (body: CreateUserRequest) => api.post<UserDto>('/api/users', body);

export function useCreateUser() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: createUser,
    onSuccess: () => void qc.invalidateQueries({ queryKey: usersKeys.all }),
  });
}
