import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { DrillAckResult } from '@/types';

/** The landing page's button: the only thing that counts an acknowledgement (once; a second press says so). */
export const acknowledgeDrillContact = ({ checkId, token }: { checkId: string; token: string }) =>
  apiRequest<DrillAckResult>(`/api/drill-ack/${encodeURIComponent(checkId)}`, {
    method: 'POST',
    body: { token },
    redirectOnUnauthorized: false,
  });

export const useAcknowledgeDrillContact = () => useMutation({ mutationFn: acknowledgeDrillContact });
