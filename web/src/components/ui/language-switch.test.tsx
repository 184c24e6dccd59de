import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient } from '@tanstack/react-query';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppProvider } from '@/app/provider';
import { getMe, meQueryKey } from '@/lib/auth';
import i18n, { LANGUAGE_STORAGE_KEY } from '@/lib/i18n';
import { fetchJsonBody, jsonResponse } from '@/test/render';
import type { MeDto } from '@/types';
import { LanguageSwitch } from './language-switch';

const hanako: MeDto = {
  id: '01930000-0000-7000-8000-0000000000a1',
  email: 'hanako@example.co.jp',
  displayName: '佐藤 花子',
  roles: ['Reporter'],
  language: 'ja',
  timeZone: 'Asia/Tokyo',
};

/** Renders the switch with the session the rest of the app would have loaded (null: signed out). */
function renderSwitch(me: MeDto | null) {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  queryClient.setQueryData(meQueryKey, me);
  render(
    <AppProvider queryClient={queryClient}>
      <LanguageSwitch />
    </AppProvider>,
  );
  return queryClient;
}

beforeEach(async () => {
  localStorage.clear();
  await i18n.changeLanguage('ja');
  document.cookie = 'XSRF-TOKEN=xsrf-123; path=/';
});

afterEach(async () => {
  cleanup(); // before the language changes back, so no unmounted-state update warnings
  localStorage.clear();
  await i18n.changeLanguage('ja');
});

describe('LanguageSwitch', () => {
  it('signed out, switches the screen and remembers the pick in this browser without calling the API', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch');
    renderSwitch(null);

    await userEvent.click(screen.getByRole('radio', { name: 'EN' }));

    expect(i18n.language).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(fetchMock).not.toHaveBeenCalled();
  });

  it('signed in, also saves the pick to the account so that e-mails follow the screen', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...hanako, language: 'en' }));
    const queryClient = renderSwitch(hanako);

    await userEvent.click(screen.getByRole('radio', { name: 'EN' }));

    expect(i18n.language).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(1));
    const [url, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(url).toBe('/api/auth/me/language');
    expect(init.method).toBe('PUT');
    expect(fetchJsonBody(init)).toEqual({ language: 'en' });
    expect((init.headers as Record<string, string>)['X-XSRF-TOKEN']).toBe('xsrf-123');
    await waitFor(() => expect(queryClient.getQueryData<MeDto>(meQueryKey)?.language).toBe('en'));

    // Back to Japanese: saved again; picking the language the account already has sends nothing more.
    fetchMock.mockResolvedValue(jsonResponse(hanako));
    await userEvent.click(screen.getByRole('radio', { name: '日本語' }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(fetchJsonBody(fetchMock.mock.calls[1][1])).toEqual({ language: 'ja' });
    await waitFor(() => expect(queryClient.getQueryData<MeDto>(meQueryKey)?.language).toBe('ja'));
    await userEvent.click(screen.getByRole('radio', { name: '日本語' }));
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('adopts the account language as the session loads when nobody picked one in this browser, and saves nothing', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...hanako, language: 'en' }));

    // The language is set before the session reaches any component, so every part of the page (the header
    // too, which once stayed Japanese) renders in it at once.
    await getMe();

    expect(i18n.language).toBe('en');
    expect(localStorage.getItem(LANGUAGE_STORAGE_KEY)).toBe('en');
    expect(fetchMock).toHaveBeenCalledTimes(1);
    renderSwitch({ ...hanako, language: 'en' });
    expect(screen.getByRole('radio', { name: 'EN' })).toBeChecked();
  });

  it('keeps a language picked in this browser over the account language', async () => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'ja');
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ ...hanako, language: 'en' }));

    await getMe();
    renderSwitch({ ...hanako, language: 'en' });

    expect(i18n.language).toBe('ja');
    expect(screen.getByRole('radio', { name: '日本語' })).toBeChecked();
    expect(fetchMock).toHaveBeenCalledTimes(1); // the session only: nothing saved
  });

  it('says so when the account could not be updated, and the screen still switches', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse({ title: 'Forbidden', status: 403 }, 403));
    renderSwitch(hanako);

    await userEvent.click(screen.getByRole('radio', { name: 'EN' }));

    expect(await screen.findByText('Could not save the language for your e-mails. Only the screen has switched.')).toBeInTheDocument();
    expect(i18n.language).toBe('en');
  });
});
