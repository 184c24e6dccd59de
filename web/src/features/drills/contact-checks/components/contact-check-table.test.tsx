import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { ContactCheckMemberResult, ContactCheckView } from '@/types';
import { ContactCheckTable } from './contact-check-table';

const member = (over: Partial<ContactCheckMemberResult>): ContactCheckMemberResult => ({
  index: 0,
  name: '鈴木 太郎',
  email: 'taro@example.co.jp',
  phone: null,
  role: '情報システム課長',
  channel: 'email',
  sentAt: '2026-11-20T09:00:00Z',
  deliveredAt: '2026-11-20T09:00:02Z',
  acknowledgedAt: null,
  secondsToAcknowledge: null,
  stepDueAt: '2026-11-20T09:30:00Z',
  attempts: 1,
  outcome: 'no_response',
  suspectedAutomated: false,
  escalated: true,
  bounceError: null,
  phoneMark: null,
  ...over,
});

const check: ContactCheckView = {
  id: 'chk-1',
  runId: 'run-1',
  category: 'C2',
  chainId: 'chain-1',
  chainName: '本社 連絡網',
  announced: false,
  status: 'running',
  startedAt: '2026-11-20T09:00:00Z',
  completedAt: null,
  currentMember: 1,
  members: [
    member({}),
    member({
      index: 1,
      name: 'Hanako Sato',
      role: null,
      sentAt: '2026-11-20T09:30:00Z',
      deliveredAt: '2026-11-20T09:30:01Z',
      acknowledgedAt: '2026-11-20T09:32:05Z',
      secondsToAcknowledge: 125,
      outcome: 'acknowledged',
      escalated: false,
    }),
    member({ index: 2, name: 'Jiro', sentAt: null, deliveredAt: null, attempts: 0, outcome: 'pending', escalated: false }),
  ],
  summary: { members: 3, acknowledged: 1, late: 0, noResponse: 1, bounced: 0, pending: 1, medianSecondsToAcknowledge: 125 },
  version: 7,
};

describe('ContactCheckTable', () => {
  it('shows each person with channel, times, attempts and outcome, in Japanese', () => {
    renderWithProviders(<ContactCheckTable check={check} canMark={false} />);
    const table = screen.getByRole('table', { name: '連絡体制の確認' });
    const rows = within(table).getAllByTestId('contact-check-row');
    expect(rows).toHaveLength(3);
    expect(within(rows[0]).getByText('応答なし')).toBeInTheDocument();
    expect(within(rows[0]).getByText('次の連絡先へエスカレーション')).toBeInTheDocument();
    expect(within(rows[1]).getByText('確認済み')).toBeInTheDocument();
    expect(within(rows[1]).getByText('2分5秒')).toBeInTheDocument();
    expect(within(rows[1]).getByText('18:32:05')).toBeInTheDocument();
    expect(within(rows[1]).getByText('現在連絡中')).toBeInTheDocument();
    expect(within(rows[2]).getByText('待機中')).toBeInTheDocument();
    expect(screen.getByTestId('contact-check-summary')).toHaveTextContent('3人中1人が確認');
    expect(screen.queryByRole('button', { name: /電話で連絡がついた/ })).not.toBeInTheDocument();
    // The phone layout has one card per person.
    expect(screen.getAllByTestId('contact-check-card')).toHaveLength(3);
  });

  it('flags an acknowledgement suspected of being automated', () => {
    const quick = { ...check, members: [member({ outcome: 'acknowledged', acknowledgedAt: '2026-11-20T09:00:03Z', secondsToAcknowledge: 3, suspectedAutomated: true })] };
    renderWithProviders(<ContactCheckTable check={quick} canMark={false} />);
    expect(screen.getAllByLabelText('自動応答の疑い（配信から数秒で確認）').length).toBeGreaterThan(0);
  });

  it('lets the facilitator mark a person reached by phone', async () => {
    const marked = { ...check, members: check.members.map((m) => (m.index === 2 ? { ...m, outcome: 'acknowledged' as const, channel: 'phone' as const } : m)) };
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(marked));
    renderWithProviders(<ContactCheckTable check={check} canMark />);
    const table = screen.getByRole('table', { name: '連絡体制の確認' });
    await userEvent.click(within(table).getByRole('button', { name: '電話で連絡がついた: Jiro' }));
    expect(fetchUrl(fetchMock.mock.calls[0]?.[0])).toBe('/api/drills/contact-checks/chk-1/marks');
    expect(fetchJsonBody(fetchMock.mock.calls[0]?.[1])).toEqual({ marks: [{ member: 2, reached: true, note: null }] });
    fetchMock.mockRestore();
  });
});
