import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DrillDetail, ScheduleDrillRequest } from '@/types';
import { drillKeys } from './drill-keys';

/** POST /api/drills/runs: schedule a drill from a scenario (responders and admins). */
export const scheduleDrill = (body: ScheduleDrillRequest) => api.post<DrillDetail>('/api/drills/runs', body);

export function useScheduleDrill() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: scheduleDrill,
    onSuccess: (detail) => {
      qc.setQueryData(drillKeys.detail(detail.id), detail);
      void qc.invalidateQueries({ queryKey: drillKeys.lists() });
    },
  });
}
