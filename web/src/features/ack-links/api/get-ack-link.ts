import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { setOrgTimeZone } from '@/lib/format';
import type { AckLinkView } from '@/types';

export const ackLinkKeys = { link: (incidentId: string, token: string) => ['ack-link', incidentId, token] as const };

/** Reads what the link is for; validates the token without using it. No sign-in. */
/** The landing is signed out: its times are written in the organisation's zone that the link's answer names. */
export async function getAckLink(incidentId: string, token: string, signal?: AbortSignal) {
  const view = await apiRequest<AckLinkView>(`/api/ack/${encodeURIComponent(incidentId)}`, {
    query: { token },
    signal,
    redirectOnUnauthorized: false,
  });
  setOrgTimeZone(view.timeZone);
  return view;
}

export const ackLinkQueryOptions = (incidentId: string, token: string) =>
  queryOptions({
    queryKey: ackLinkKeys.link(incidentId, token),
    queryFn: ({ signal }) => getAckLink(incidentId, token, signal),
    retry: false,
    refetchOnWindowFocus: false,
  });

export const useAckLink = (incidentId: string, token: string) => useQuery(ackLinkQueryOptions(incidentId, token));
