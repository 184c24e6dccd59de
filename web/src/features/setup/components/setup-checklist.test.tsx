import { cleanup, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n, { setLanguage } from '@/lib/i18n';
import { setupSeen } from '@/lib/setup-seen';
import { fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { SetupStatusView } from '@/types';
import { SetupChecklist, SetupWarning } from './setup-checklist';

const fresh: SetupStatusView = {
  newReportsReachNobody: false,
  savedChains: 0,
  defaultChainSaved: false,
  builtInChain: {
    id: 'c4a10000-0000-4000-8000-0000000000b1',
    name: 'built-in',
    categories: [],
    department: null,
    isDefault: true,
    contacts: [{ name: 'Administrator', email: 'admin@example.test', phone: null, role: 'Admin', webhookUrl: null, language: 'ja' }],
    version: 0,
  },
  slaPolicySaved: false,
  mailMode: 'pickup',
  mailTarget: '/var/mail-pickup',
  enabledUsers: 1,
  responders: 0,
};

const me = { id: 'admin-1', email: 'admin@example.test', displayName: 'Administrator', roles: ['Admin'], language: 'ja' };

function mockApi(status: SetupStatusView) {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
    Promise.resolve(jsonResponse(fetchUrl(input).startsWith('/api/auth/me') ? me : status)),
  );
}

afterEach(async () => {
  cleanup();
  window.localStorage.clear();
  await i18n.changeLanguage('ja');
});

describe('SetupChecklist', () => {
  it('lists the four things a fresh install lacks, each with where to fix it', async () => {
    mockApi(fresh);
    renderWithProviders(<SetupChecklist />);

    const list = await screen.findByRole('list', { name: 'はじめの設定' });
    const items = within(list).getAllByRole('listitem');
    expect(items.map((i) => i.getAttribute('aria-label'))).toEqual(['連絡網', 'SLA（対応期限）', 'メール送信', 'ユーザー']);
    for (const item of items) expect(within(item).getByText('未')).toBeInTheDocument();
    expect(within(items[2]).getByText(/\/var\/mail-pickup/)).toBeInTheDocument();
    expect(within(items[0]).getByRole('link', { name: '連絡網を設定' })).toHaveAttribute('href', '/admin/contact-chains');
  });

  it('ticks what is done, in English too', async () => {
    // Picked in this browser, as the language switch does: the session's account language (ja) does not override it.
    setLanguage('en');
    mockApi({ ...fresh, defaultChainSaved: true, savedChains: 2, slaPolicySaved: true, mailMode: 'smtp', mailTarget: 'mail.example.test:25', enabledUsers: 5, responders: 2 });
    renderWithProviders(<SetupChecklist />);

    const list = await screen.findByRole('list', { name: 'Setup checklist' });
    expect(within(list).getAllByText('Done')).toHaveLength(4);
    expect(within(list).getByText('Mail is sent through the mail server mail.example.test:25.')).toBeInTheDocument();
    expect(within(list).getByText('5 enabled account(s), 2 of them Responders.')).toBeInTheDocument();
  });

  it('is not shown again on this browser once the admin finishes it', async () => {
    const user = userEvent.setup();
    mockApi(fresh);
    renderWithProviders(<SetupChecklist />);
    await screen.findByRole('list', { name: 'はじめの設定' });
    await screen.findByRole('button', { name: '設定を終えてボードへ' });
    // the session has loaded (the button marks the signed-in admin)
    await vi.waitFor(() => expect(vi.mocked(globalThis.fetch).mock.calls.some((c) => fetchUrl(c[0]) === '/api/auth/me')).toBe(true));
    expect(setupSeen('admin-1')).toBe(false);
    await user.click(screen.getByRole('button', { name: '設定を終えてボードへ' }));
    expect(setupSeen('admin-1')).toBe(true);
  });
});

describe('SetupWarning', () => {
  it('warns while new reports would reach nobody', async () => {
    mockApi({ ...fresh, newReportsReachNobody: true, builtInChain: null });
    renderWithProviders(<SetupWarning />);
    expect(await screen.findByRole('alert')).toHaveTextContent('新しい報告は、いまは誰にも通知されません。');
  });

  it('names who the built-in chain alerts while there is no default chain', async () => {
    mockApi(fresh);
    renderWithProviders(<SetupWarning />);
    expect(await screen.findByTestId('setup-built-in')).toHaveTextContent('Administrator');
  });

  it('says nothing once a default chain is saved', async () => {
    const fetchMock = mockApi({ ...fresh, defaultChainSaved: true, savedChains: 1 });
    renderWithProviders(<SetupWarning />);
    await vi.waitFor(() => expect(fetchMock).toHaveBeenCalled());
    await new Promise((r) => setTimeout(r, 50));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.queryByTestId('setup-built-in')).not.toBeInTheDocument();
    expect(screen.queryByText(/はじめの設定/)).not.toBeInTheDocument();
  });
});
