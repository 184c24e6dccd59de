import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiRequest } from '@/lib/api-client';
import { setOrgTimeZone } from '@/lib/format';
import type { DrillAckView } from '@/types';

export const drillAckKeys = { link: (checkId: string, token: string) => ['drill-ack', checkId, token] as const };

/** What a check's personal link is for. Reading it counts nothing (mail scanners open links); no sign-in. */
export async function getDrillAck(checkId: string, token: string, signal?: AbortSignal) {
  const view = await apiRequest<DrillAckView>(`/api/drill-ack/${encodeURIComponent(checkId)}`, {
    query: { token },
    signal,
    redirectOnUnauthorized: false,
  });
  setOrgTimeZone(view.timeZone);
  return view;
}

export const drillAckQueryOptions = (checkId: string, token: string) =>
  queryOptions({
    queryKey: drillAckKeys.link(checkId, token),
    queryFn: ({ signal }) => getDrillAck(checkId, token, signal),
    retry: false,
    refetchOnWindowFocus: false,
  });

export const useDrillAck = (checkId: string, token: string) => useQuery(drillAckQueryOptions(checkId, token));
