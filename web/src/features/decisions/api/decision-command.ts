import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, isApiError } from '@/lib/api-client';
import i18n from '@/lib/i18n';
import { notify } from '@/lib/notify';
import type { AnswerInfoRequest, AskInfoRequest, DecideRequest, DecisionDetail, SupersedeRequest, WithdrawRequest } from '@/types';
import { decisionKeys, INCIDENT_QUERIES } from './decision-keys';

export interface DecisionCommandInput<B> {
  id: string;
  /** the version of the request the user saw; sent as If-Match */
  version: number;
  body: B;
}

export type DecisionAction = 'decide' | 'ask-info' | 'answer-info' | 'withdraw' | 'supersede';

/** POST /api/decisions/{id}/{action} with If-Match; every command answers the new DecisionDetail. */
export const postDecisionCommand = <B>(action: DecisionAction, { id, version, body }: DecisionCommandInput<B>) =>
  api.post<DecisionDetail>(`/api/decisions/${encodeURIComponent(id)}/${action}`, body, { version });

/** Lists, and the incident (a decision completes its playbook step, the board's badge goes). */
export function refreshAfterDecision(qc: QueryClient) {
  void qc.invalidateQueries({ queryKey: decisionKeys.lists() });
  void qc.invalidateQueries({ queryKey: INCIDENT_QUERIES });
}

/** Fresh detail into the cache; on 412 (the request changed meanwhile) say so and reload it. */
function useDecisionCommand<B>(action: DecisionAction) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: DecisionCommandInput<B>) => postDecisionCommand(action, input),
    onSuccess: (detail) => {
      qc.setQueryData(decisionKeys.detail(detail.id), detail);
      refreshAfterDecision(qc);
    },
    onError: (error, input) => {
      if (isApiError(error) && error.status === 412) {
        notify(i18n.t('errors.stale'), 'warning', i18n.t('errors.staleTitle'));
        void qc.invalidateQueries({ queryKey: decisionKeys.detail(input.id), exact: true });
      }
    },
  });
}

export const useDecide = () => useDecisionCommand<DecideRequest>('decide');
export const useSupersede = () => useDecisionCommand<SupersedeRequest>('supersede');
export const useAskInfo = () => useDecisionCommand<AskInfoRequest>('ask-info');
export const useAnswerInfo = () => useDecisionCommand<AnswerInfoRequest>('answer-info');
export const useWithdraw = () => useDecisionCommand<WithdrawRequest>('withdraw');
