import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { SlaPolicy, SlaPolicyView } from '@/types';
import { settingsKeys } from './settings-keys';

/** version 0 while the built-in default is in force (If-Match: "0"). */
export const saveSlaPolicy = ({ policy, version }: { policy: SlaPolicy; version: number }) =>
  apiRequest<SlaPolicyView>('/api/admin/sla-policy', { method: 'PUT', body: policy, version });

export function useSaveSlaPolicy() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveSlaPolicy,
    onSettled: () => void qc.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
