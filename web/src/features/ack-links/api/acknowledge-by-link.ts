import { useMutation } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { AckByLinkResult } from '@/types';

/** One use: the token is the credential. */
export const acknowledgeByLink = ({ incidentId, token }: { incidentId: string; token: string }) =>
  apiRequest<AckByLinkResult>(`/api/ack/${encodeURIComponent(incidentId)}`, {
    method: 'POST',
    body: { token },
    redirectOnUnauthorized: false,
  });

export const useAcknowledgeByLink = () => useMutation({ mutationFn: acknowledgeByLink });
