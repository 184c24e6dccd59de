import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { SlaPolicyView } from '@/types';
import { settingsKeys } from './settings-keys';

export const getSlaPolicy = (signal?: AbortSignal) => api.get<SlaPolicyView>('/api/admin/sla-policy', undefined, signal);

export const slaPolicyQueryOptions = () => queryOptions({ queryKey: settingsKeys.sla(), queryFn: ({ signal }) => getSlaPolicy(signal) });

export const useSlaPolicy = () => useQuery(slaPolicyQueryOptions());
