import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { jsonResponse, renderWithProviders } from '@/test/render';
import type { UserList } from '@/types';
import { UsersTable } from './users-table';

const list: UserList = {
  items: [
    { id: 'u1', email: 'hanako@example.co.jp', displayName: '佐藤 花子', roles: ['Reporter'], createdAt: '2026-04-01T00:00:00Z', language: 'ja' },
    { id: 'u2', email: 'john@example.com', displayName: 'John Smith', roles: ['Responder'], createdAt: '2026-04-02T00:00:00Z', language: 'en' },
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
