import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { ContactChainRequest, ContactChainView } from '@/types';
import { settingsKeys } from './settings-keys';

export interface SaveContactChainInput {
  /** absent: create */
  id?: string;
  version?: number;
  body: ContactChainRequest;
}

export const saveContactChain = ({ id, version, body }: SaveContactChainInput) =>
  id
    ? apiRequest<ContactChainView>(`/api/admin/contact-chains/${encodeURIComponent(id)}`, { method: 'PUT', body, version })
    : apiRequest<ContactChainView>('/api/admin/contact-chains', { method: 'POST', body });

export function useSaveContactChain() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: saveContactChain,
    onSettled: () => void qc.invalidateQueries({ queryKey: settingsKeys.all }),
  });
}
