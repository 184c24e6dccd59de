import { render, waitFor, within } from '@testing-library/react';
import type { UserEvent } from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import type { ReactElement } from 'react';
import { MemoryRouter } from 'react-router';
import { AppProvider } from '@/app/provider';
import { meQueryKey } from '@/lib/auth';
import type { MeDto } from '@/types';

/** `me`: the signed-in account, as the app has it loaded before any page (what admins alone see depends on it). */
export function renderWithProviders(ui: ReactElement, { route = '/', me }: { route?: string; me?: MeDto } = {}) {
  const queryClient = new QueryClient({
    defaultOptions: { queries: { retry: false, refetchInterval: false }, mutations: { retry: false } },
  });
  if (me) queryClient.setQueryData(meQueryKey, me);
  return {
    queryClient,
    ...render(
      <AppProvider queryClient={queryClient}>
        <MemoryRouter initialEntries={[route]}>{ui}</MemoryRouter>
      </AppProvider>,
    ),
  };
}

export function jsonResponse(body: unknown, status = 200, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json', ...headers },
  });
}

/** The URL a mocked fetch was called with: the app passes strings; a URL or Request is read, not stringified. */
export function fetchUrl(input: RequestInfo | URL | undefined): string {
  if (input === undefined) throw new Error('fetch was not called');
  if (typeof input === 'string') return input;
  return input instanceof URL ? input.href : input.url;
}

/** The JSON body a mocked fetch was called with (the API client always sends a JSON string). */
export function fetchJsonBody(init: RequestInit | undefined): unknown {
  if (typeof init?.body !== 'string') throw new Error(`expected a JSON string body, got ${typeof init?.body}`);
  return JSON.parse(init.body);
}

/** Opens a Mantine Select and returns queries within its list of options (query them with `hidden: true`). */
export async function openSelectOptions(user: UserEvent, select: HTMLElement) {
  await user.click(select);
  const list = await waitFor(() => {
    const l = document.getElementById(select.getAttribute('aria-controls') ?? '');
    if (!l) throw new Error('the select has no list of options');
    return l;
  });
  return within(list);
}

/** A signed-in account for renderWithProviders({ me }). */
export const signedIn = (roles: string[], language = 'ja'): MeDto => ({
  id: 'u-1',
  email: 'someone@incidentdesk.local',
  displayName: '佐藤 健',
  roles,
  language,
  timeZone: 'Asia/Tokyo',
});
