import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { ContactCheckView, ContactMarkItem } from '@/types';
import { contactCheckKeys } from './get-contact-check';

export interface MarkContactCheckInput {
  checkId: string;
  /** the check's version as read (If-Match, optional): a mark on a stale check is then a 412 */
  version?: number;
  marks: ContactMarkItem[];
}

/** The facilitator marks members reached by phone, or not reached (R36: e-mail assumed down). */
export const markContactCheck = ({ checkId, version, marks }: MarkContactCheckInput) =>
  apiRequest<ContactCheckView>(`/api/drills/contact-checks/${encodeURIComponent(checkId)}/marks`, {
    method: 'POST',
    body: { marks },
    version,
  });

export function useMarkContactCheck() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: markContactCheck,
    onSuccess: (check) => {
      client.setQueryData(contactCheckKeys.one(check.id), check);
      void client.invalidateQueries({ queryKey: contactCheckKeys.run(check.runId) });
      void client.invalidateQueries({ queryKey: contactCheckKeys.cadence });
    },
  });
}
