import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import type { CadenceView } from '@/types';
import { contactCheckKeys } from './get-contact-check';

/** R35: when the contact chain was last checked, and whether a check is due (yearly). */
export const getContactCheckCadence = (signal?: AbortSignal) =>
  apiRequest<CadenceView>('/api/drills/contact-checks/cadence', { signal });

export const contactCheckCadenceQueryOptions = () =>
  queryOptions({ queryKey: contactCheckKeys.cadence, queryFn: ({ signal }) => getContactCheckCadence(signal) });

export const useContactCheckCadence = () => useQuery(contactCheckCadenceQueryOptions());
