import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DrillScenarioDetail, DrillScenarioList } from '@/types';
import { drillKeys } from './drill-keys';

export const getDrillScenarios = (signal?: AbortSignal) => api.get<DrillScenarioList>('/api/drills/scenarios', undefined, signal);

export const drillScenariosQueryOptions = () =>
  queryOptions({ queryKey: drillKeys.scenarios(), queryFn: ({ signal }) => getDrillScenarios(signal), staleTime: 5 * 60_000 });

export const useDrillScenarios = () => useQuery(drillScenariosQueryOptions());

export const getDrillScenario = (id: string, signal?: AbortSignal) =>
  api.get<DrillScenarioDetail>(`/api/drills/scenarios/${encodeURIComponent(id)}`, undefined, signal);

/** One scenario in full (its objectives, roles needed); null id: nothing chosen yet. */
export const useDrillScenario = (id: string | null) =>
  useQuery({
    queryKey: drillKeys.scenario(id ?? ''),
    queryFn: ({ signal }) => getDrillScenario(id ?? '', signal),
    enabled: !!id,
    staleTime: 5 * 60_000,
  });
