import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { settingsKeys } from './settings-keys';

export const deleteContactChain = ({ id, version }: { id: string; version: number }) =>
  apiRequest<void>(`/api/admin/contact-chains/${encodeURIComponent(id)}`, { method: 'DELETE', version });

export function useDeleteContactChain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: deleteContactChain,
    onSettled: () => void qc.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
