import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DecisionDetail, RequestDecisionRequest } from '@/types';
import { refreshAfterDecision } from './decision-command';
import { decisionKeys } from './decision-keys';

export interface RequestDecisionInput {
  incidentId: string;
  body: RequestDecisionRequest;
}

/** POST /api/incidents/{id}/decisions: ask the executives (the server snapshots the incident as it stands). */
export const requestDecision = ({ incidentId, body }: RequestDecisionInput) =>
  api.post<DecisionDetail>(`/api/incidents/${encodeURIComponent(incidentId)}/decisions`, body);

export function useRequestDecision() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: requestDecision,
    onSuccess: (detail) => {
      qc.setQueryData(decisionKeys.detail(detail.id), detail);
      refreshAfterDecision(qc);
    },
  });
}
