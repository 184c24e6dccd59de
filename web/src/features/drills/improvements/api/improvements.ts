import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, isApiError } from '@/lib/api-client';
import i18n from '@/lib/i18n';
import { notify } from '@/lib/notify';
import type { components } from '@/types/api';

type Schemas = components['schemas'];
export type ImprovementItemView = Schemas['ImprovementItemView'];
export type ImprovementItemSummary = Schemas['ImprovementItemSummary'];
export type ImprovementItemList = Schemas['ImprovementItemList'];
export type ImprovementStatus = ImprovementItemView['status'];
export type CreateImprovementRequest = Schemas['CreateImprovementRequest'];
export type EditImprovementRequest = Schemas['EditImprovementRequest'];
export type ChangeImprovementStatusRequest = Schemas['ChangeImprovementStatusRequest'];

export interface ImprovementFilters {
  status?: string;
  runId?: string;
  scenarioId?: string;
  exerciseId?: string;
  mine?: boolean;
}

export const improvementKeys = {
  all: ['drill-improvements'] as const,
  list: (f: ImprovementFilters) => [...improvementKeys.all, 'list', f] as const,
  detail: (id: string) => [...improvementKeys.all, 'detail', id] as const,
};

const BASE = '/api/drills/improvements';

export const getImprovements = (f: ImprovementFilters, signal?: AbortSignal) =>
  api.get<ImprovementItemList>(BASE, { ...f, mine: f.mine || undefined }, signal);

export const improvementsQueryOptions = (f: ImprovementFilters) =>
  queryOptions({ queryKey: improvementKeys.list(f), queryFn: ({ signal }) => getImprovements(f, signal), placeholderData: keepPreviousData });

export const useImprovements = (f: ImprovementFilters, enabled = true) => useQuery({ ...improvementsQueryOptions(f), enabled });

export const useImprovement = (id: string | undefined) =>
  useQuery({
    queryKey: improvementKeys.detail(id ?? ''),
    queryFn: ({ signal }) => api.get<ImprovementItemView>(`${BASE}/${encodeURIComponent(id!)}`, undefined, signal),
    enabled: !!id,
  });

function useImprovementMutation<I>(fn: (input: I) => Promise<ImprovementItemView>, id?: (input: I) => string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (view) => {
      qc.setQueryData(improvementKeys.detail(view.id), view);
      void qc.invalidateQueries({ queryKey: [...improvementKeys.all, 'list'] });
      void qc.invalidateQueries({ queryKey: ['drill-report'] });
    },
    onError: (error, input) => {
      if (isApiError(error) && error.status === 412) {
        notify(i18n.t('errors.stale'), 'warning', i18n.t('errors.staleTitle'));
        if (id) void qc.invalidateQueries({ queryKey: improvementKeys.detail(id(input)) });
      }
    },
  });
}

export const useCreateImprovement = () =>
  useImprovementMutation((body: CreateImprovementRequest) => api.post<ImprovementItemView>(BASE, body));

export const useEditImprovement = () =>
  useImprovementMutation(
    ({ id, version, body }: { id: string; version: number; body: EditImprovementRequest }) =>
      apiRequest<ImprovementItemView>(`${BASE}/${encodeURIComponent(id)}`, { method: 'PATCH', body, version }),
    (i) => i.id,
  );

export const useChangeImprovementStatus = () =>
  useImprovementMutation(
    ({ id, version, body }: { id: string; version: number; body: ChangeImprovementStatusRequest }) =>
      api.post<ImprovementItemView>(`${BASE}/${encodeURIComponent(id)}/status`, body, { version }),
    (i) => i.id,
  );

/** The statuses an item may move to next (the server decides; this only offers the buttons). */
export const nextStatuses = (s: ImprovementStatus): ImprovementStatus[] =>
  ({ open: ['in-progress', 'done'], 'in-progress': ['open', 'done'], done: ['in-progress'], verified: [] } as Record<string, ImprovementStatus[]>)[s] ?? [];
