import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest } from '@/lib/api-client';
import type { components } from '@/types/api';

export type DrillReportView = components['schemas']['DrillReportView'];
export type EditReportRequest = components['schemas']['EditReportRequest'];

const path = (runId: string) => `/api/drills/runs/${encodeURIComponent(runId)}/report`;

export const useDrillReport = (runId: string) =>
  useQuery({ queryKey: ['drill-report', runId], queryFn: ({ signal }) => api.get<DrillReportView>(path(runId), undefined, signal) });

function useReportMutation<I>(fn: (i: I) => Promise<DrillReportView>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: (v) => qc.setQueryData(['drill-report', v.runId], v) });
}

export const useEditDrillReport = () =>
  useReportMutation(({ runId, version, body }: { runId: string; version: number; body: EditReportRequest }) =>
    apiRequest<DrillReportView>(path(runId), { method: 'PUT', body, version }));

export const useFinaliseDrillReport = () =>
  useReportMutation(({ runId, version }: { runId: string; version: number }) => api.post<DrillReportView>(`${path(runId)}/finalise`, {}, { version }));
