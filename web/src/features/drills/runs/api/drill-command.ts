import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, isApiError } from '@/lib/api-client';
import i18n from '@/lib/i18n';
import { notify } from '@/lib/notify';
import type { DrillDetail, JudgeActionRequest, KytRequest, ObservationRequest } from '@/types';
import { drillKeys } from './drill-keys';

/** Commands that carry the version read (If-Match, 412 when stale). */
export type DrillLifecycle = 'start' | 'pause' | 'resume' | 'stop' | 'end' | 'cancel' | 'reveal' | 'injects/next';

export interface DrillCommandInput<B> {
  id: string;
  /** the run's version the user saw; sent as If-Match (lifecycle, reveal, KYT) */
  version?: number;
  body: B;
}

const runPath = (id: string, rest: string) => `/api/drills/runs/${encodeURIComponent(id)}/${rest}`;

/**
 * Every drill command answers the console view: it goes into the cache at once; the list is refetched. On 412
 * (someone else moved the run meanwhile) the user is told and the console reloads, so the next try is current.
 */
function useDrillMutation<I extends { id: string }>(send: (input: I) => Promise<DrillDetail>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: send,
    onSuccess: (detail) => {
      qc.setQueryData(drillKeys.detail(detail.id), detail);
      void qc.invalidateQueries({ queryKey: drillKeys.lists() });
    },
    onError: (error, input) => {
      if (isApiError(error) && error.status === 412) {
        notify(i18n.t('errors.stale'), 'warning', i18n.t('errors.staleTitle'));
        void qc.invalidateQueries({ queryKey: drillKeys.detail(input.id), exact: true });
      }
    },
  });
}

/** POST …/{start|pause|resume|stop|end|cancel|reveal|injects/next} with If-Match; stop and cancel may say why. */
export const useDrillLifecycle = () =>
  useDrillMutation(({ id, version, body }: DrillCommandInput<{ action: DrillLifecycle; reason?: string | null }>) =>
    api.post<DrillDetail>(runPath(id, body.action), body.reason ? { reason: body.reason } : {}, { version }),
  );

/** KYT 1R: a participant's predicted risk. */
export const usePredict = () =>
  useDrillMutation(({ id, body }: DrillCommandInput<{ text: string }>) => api.post<DrillDetail>(runPath(id, 'predictions'), body));

/** KYT 2R: whether a prediction matched what happened (facilitator or evaluator, after the reveal). */
export const useMatchPrediction = () =>
  useDrillMutation(({ id, body }: DrillCommandInput<{ predictionId: string; matched: boolean }>) =>
    api.post<DrillDetail>(runPath(id, `predictions/${encodeURIComponent(body.predictionId)}/match`), { matched: body.matched }),
  );

/** KYT 2R-4R: key points, countermeasures and the team goal (PUT, If-Match). */
export const useRecordKyt = () =>
  useDrillMutation(({ id, version, body }: DrillCommandInput<KytRequest>) =>
    apiRequest<DrillDetail>(runPath(id, 'kyt'), { method: 'PUT', body, version }),
  );

/** An observation: a strength or an area for improvement. */
export const useRecordObservation = () =>
  useDrillMutation(({ id, body }: DrillCommandInput<ObservationRequest>) => api.post<DrillDetail>(runPath(id, 'observations'), body));

/** The facilitator or an evaluator judges an expected action met or missed. */
export const useJudgeAction = () =>
  useDrillMutation(({ id, body }: DrillCommandInput<JudgeActionRequest & { actionId: string }>) =>
    api.post<DrillDetail>(runPath(id, `actions/${encodeURIComponent(body.actionId)}/judge`), { result: body.result, note: body.note ?? null }),
  );
