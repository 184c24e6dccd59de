import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { ChangePasswordRequest } from '@/types';

export const changeMyPassword = (body: ChangePasswordRequest) =>
  apiRequest<void>('/api/auth/me/password', { method: 'PUT', body });

export const useChangeMyPassword = () => useMutation({ mutationFn: changeMyPassword });
