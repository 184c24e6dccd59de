import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import i18n from '@/lib/i18n';
import { api, isApiError } from '@/lib/api-client';
import type { IncidentDetail } from '@/types';
import { incidentKeys } from './incident-keys';

export interface CommandInput<B> {
  id: string;
  /** the version the user saw; sent as If-Match */
  version: number;
  body: B;
}

/** POST /api/incidents/{id}/{action} with If-Match; every command returns the new IncidentDetail. */
export const postIncidentCommand = <B>(action: string, { id, version, body }: CommandInput<B>) =>
  api.post<IncidentDetail>(`/api/incidents/${encodeURIComponent(id)}/${action}`, body, { version });

/**
 * Shared behaviour of every incident command: fresh detail into the cache on success; on 412 (someone
 * else changed the incident) tell the user and reload it, so the next try carries the new version.
 */
export function useIncidentCommand<B>(action: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (input: CommandInput<B>) => postIncidentCommand(action, input),
    onSuccess: (incident, input) => {
      qc.setQueryData(incidentKeys.detail(input.id), incident);
      void qc.invalidateQueries({ queryKey: incidentKeys.timeline(input.id) });
      void qc.invalidateQueries({ queryKey: incidentKeys.lists() });
    },
    onError: (error, input) => {
      if (isApiError(error) && error.status === 412) {
        notifications.show({ color: 'yellow', title: i18n.t('errors.staleTitle'), message: i18n.t('errors.stale') });
        void qc.invalidateQueries({ queryKey: incidentKeys.detail(input.id) });
        void qc.invalidateQueries({ queryKey: incidentKeys.timeline(input.id) });
      }
    },
  });
}
