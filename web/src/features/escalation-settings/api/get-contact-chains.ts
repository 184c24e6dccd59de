import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { ContactChainList } from '@/types';
import { settingsKeys } from './settings-keys';

export const getContactChains = (signal?: AbortSignal) => api.get<ContactChainList>('/api/admin/contact-chains', undefined, signal);

export const contactChainsQueryOptions = () =>
  queryOptions({ queryKey: settingsKeys.chains(), queryFn: ({ signal }) => getContactChains(signal) });

export const useContactChains = () => useQuery(contactChainsQueryOptions());
