import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { FileReportRequest, IncidentDetail } from '@/types';
import { incidentKeys } from './incident-keys';

export const fileReport = (body: FileReportRequest) => api.post<IncidentDetail>('/api/incidents', body);

export function useFileReport() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fileReport,
    onSuccess: (incident) => {
      qc.setQueryData(incidentKeys.detail(incident.id), incident);
      void qc.invalidateQueries({ queryKey: incidentKeys.lists() });
    },
  });
}
