import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { UserList } from '@/types';
import { UsersTable } from './users-table';

const list: UserList = {
  items: [
    { id: 'u1', email: 'hanako@example.co.jp', displayName: '佐藤 花子', roles: ['Reporter'], createdAt: '2026-04-01T00:00:00Z', language: 'ja', disabled: false, version: 1 },
    { id: 'u2', email: 'john@example.com', displayName: 'John Smith', roles: ['Responder'], createdAt: '2026-04-02T00:00:00Z', language: 'en', disabled: true, version: 3 },
  ],
};

afterEach(async () => {
  cleanup(); // before the language changes back, so no unmounted-state update warnings
  await i18n.changeLanguage('ja');
});

describe('UsersTable', () => {
  it("shows each account's message language", async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(list));
    renderWithProviders(<UsersTable />);

    const table = await screen.findByRole('table', { name: 'ユーザー一覧' });
    expect(within(table).getByRole('columnheader', { name: '通知の言語' })).toBeInTheDocument();
    const [, hanako, john] = within(table).getAllByRole('row');
    expect(within(hanako).getByText('日本語')).toBeInTheDocument();
    expect(within(john).getByText('英語')).toBeInTheDocument();
  });

  it('names the languages in English on the English screen', async () => {
    await i18n.changeLanguage('en');
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(list));
    renderWithProviders(<UsersTable />);

    const table = await screen.findByRole('table', { name: 'All users' });
    expect(within(table).getByRole('columnheader', { name: 'Message language' })).toBeInTheDocument();
    expect(within(table).getByText('Japanese')).toBeInTheDocument();
    expect(within(table).getByText('English')).toBeInTheDocument();
  });
});

describe('UsersTable editing', () => {
  const me = { id: 'admin', email: 'admin@example.test', displayName: 'Admin', roles: ['Admin'], language: 'ja' };
  const admin = { id: 'admin', email: 'admin@example.test', displayName: 'Admin', roles: ['Admin'], createdAt: '2026-03-01T00:00:00Z', language: 'ja', disabled: false, version: 2 };
  const withMe: UserList = { items: [admin, ...list.items] };

  function mockApi(handler?: (url: string, init: RequestInit | undefined) => Response | undefined) {
    return vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => {
      const url = fetchUrl(input);
      const answer = handler?.(url, init);
      if (answer) return Promise.resolve(answer);
      if (url.startsWith('/api/auth/me')) return Promise.resolve(jsonResponse(me));
      return Promise.resolve(jsonResponse(withMe));
    });
  }

  it("saves a changed name, roles and language at the version the list showed", async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi((_url, init) =>
      init?.method === 'PUT' ? jsonResponse({ ...list.items[0], displayName: '佐藤 花子（経理）', version: 2 }) : undefined,
    );
    renderWithProviders(<UsersTable />);

    const row = await screen.findByTestId('user-hanako@example.co.jp');
    await user.click(within(row).getByRole('button', { name: '佐藤 花子 を編集' }));
    const form = await screen.findByRole('form', { name: '佐藤 花子 を編集' });
    const name = within(form).getByLabelText(/^表示名/);
    await user.clear(name);
    await user.type(name, '佐藤 花子（経理）');
    await user.click(within(form).getByRole('button', { name: '保存' }));

    await waitFor(() => expect(fetchMock.mock.calls.some((c) => c[1]?.method === 'PUT')).toBe(true));
    const put = fetchMock.mock.calls.find((c) => c[1]?.method === 'PUT')!;
    expect(fetchUrl(put[0])).toBe('/api/users/u1');
    expect(new Headers(put[1]?.headers).get('If-Match')).toBe('"1"');
    expect(fetchJsonBody(put[1])).toEqual({ displayName: '佐藤 花子（経理）', roles: ['Reporter'], language: 'ja' });
  });

  it('refuses a name with a line break before sending it', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi();
    renderWithProviders(<UsersTable />);
    const row = await screen.findByTestId('user-hanako@example.co.jp');
    await user.click(within(row).getByRole('button', { name: '佐藤 花子 を編集' }));
    const form = await screen.findByRole('form', { name: '佐藤 花子 を編集' });
    const name = within(form).getByLabelText(/^表示名/);
    await user.clear(name);
    await user.type(name, 'a\tb');
    await user.click(within(form).getByRole('button', { name: '保存' }));
    expect(await within(form).findByText('1行で入力してください（タブや改行は使えません）')).toBeInTheDocument();
    expect(fetchMock.mock.calls.some((c) => c[1]?.method === 'PUT')).toBe(false);
  });

  it('disables after confirming, enables a disabled account, and offers no way to disable oneself', async () => {
    const user = userEvent.setup();
    const fetchMock = mockApi((url, init) =>
      init?.method === 'POST' ? jsonResponse({ ...list.items[0], disabled: url.endsWith('/disable'), version: 4 }) : undefined,
    );
    renderWithProviders(<UsersTable />);

    const mine = await screen.findByTestId('user-admin@example.test');
    expect(within(mine).queryByRole('button', { name: '無効にする' })).not.toBeInTheDocument();
    const john = screen.getByTestId('user-john@example.com');
    expect(within(john).getByText('無効')).toBeInTheDocument();
    await user.click(within(john).getByRole('button', { name: '有効にする' }));
    await waitFor(() => expect(fetchMock.mock.calls.some((c) => fetchUrl(c[0]) === '/api/users/u2/enable')).toBe(true));
    const enable = fetchMock.mock.calls.find((c) => fetchUrl(c[0]) === '/api/users/u2/enable')!;
    expect(new Headers(enable[1]?.headers).get('If-Match')).toBe('"3"');

    await user.click(within(screen.getByTestId('user-hanako@example.co.jp')).getByRole('button', { name: '無効にする' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText(/佐藤 花子 を無効にしますか/)).toBeInTheDocument();
    await user.click(within(dialog).getByRole('button', { name: '無効にする' }));
    await waitFor(() => expect(fetchMock.mock.calls.some((c) => fetchUrl(c[0]) === '/api/users/u1/disable')).toBe(true));
  });

  it('says why the server refused: the last admin', async () => {
    const user = userEvent.setup();
    mockApi((_url, init) =>
      init?.method === 'POST'
        ? jsonResponse({ status: 409, title: 'Rule violated', rules: [{ code: 'last_admin', message: 'last admin' }] }, 409)
        : undefined,
    );
    renderWithProviders(<UsersTable />);
    await user.click(within(await screen.findByTestId('user-hanako@example.co.jp')).getByRole('button', { name: '無効にする' }));
    const dialog = await screen.findByRole('dialog');
    await user.click(within(dialog).getByRole('button', { name: '無効にする' }));
    expect(await within(dialog).findByText('最後の有効な管理者です。先に別のアカウントを管理者にしてください。')).toBeInTheDocument();
  });
});
