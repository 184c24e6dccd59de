import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { DeliveryList } from '@/types';
import { settingsKeys } from './settings-keys';

/** status: pending | sent | failed, or '' for all */
export const getDeliveries = (status: string, signal?: AbortSignal) =>
  api.get<DeliveryList>('/api/admin/deliveries', { status }, signal);

export const deliveriesQueryOptions = (status: string) =>
  queryOptions({ queryKey: settingsKeys.deliveries(status), queryFn: ({ signal }) => getDeliveries(status, signal), refetchInterval: 15_000 });

export const useDeliveries = (status: string) => useQuery(deliveriesQueryOptions(status));
