import { useMutation, useQueryClient, type QueryClient } from '@tanstack/react-query';
import i18n from '@/lib/i18n';
import { api, isApiError } from '@/lib/api-client';
import type { IncidentDetail } from '@/types';
import { incidentKeys } from './incident-keys';
import { notify } from '@/lib/notify';

export interface CommandInput<B> {
  id: string;
  /** the version the user saw; sent as If-Match */
  version: number;
  body: B;
}

/** POST /api/incidents/{id}/{action} with If-Match; every command returns the new IncidentDetail. */
export const postIncidentCommand = <B>(action: string, { id, version, body }: CommandInput<B>) =>
  api.post<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}/${action}`, body, { version });

/** Everything an incident command can change besides the detail it returns: refetched after each one. */
export function refreshAfterCommand(qc: QueryClient, id: string) {
  void qc.invalidateQueries({ queryKey: incidentKeys.timeline(id) });
  // deadlines close or open and messages are queued by the same transaction
  void qc.invalidateQueries({ queryKey: incidentKeys.escalation(id) });
  // a briefing posted, or a severity change that starts or stops the briefing clock
  void qc.invalidateQueries({ queryKey: incidentKeys.briefings(id) });
  void qc.invalidateQueries({ queryKey: incidentKeys.lists() });
}

/**
 * Shared behaviour of every incident command: fresh detail into the cache on success and everything else
 * it changed refetched; on 412 (someone else changed the incident) tell the user and reload it, so the
 * next try carries the new version.
 */
export function useIncidentCommand<B>(action: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CommandInput<B>) => postIncidentCommand(action, input),
    onSuccess: (incident, input) => {
      qc.setQueryData(incidentKeys.detail(input.id), incident);
      refreshAfterCommand(qc, input.id);
    },
    onError: (error, input) => {
      if (isApiError(error) && error.status === 412) {
        notify(i18n.t('errors.stale'), 'warning', i18n.t('errors.staleTitle'));
        void qc.invalidateQueries({ queryKey: incidentKeys.detail(input.id), exact: true });
        refreshAfterCommand(qc, input.id);
      }
    },
  });
}
