import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { BriefingFeed } from '@/types';
import { DeskBriefings } from './desk-briefings';

const feed: BriefingFeed = {
  since: '2026-11-19T03:00:00Z',
  items: [
    {
      id: 'b1',
      drill: false,
      incidentId: 'i1',
      reference: 'INC-2026-0042',
      number: 1,
      severity: 'critical',
      whatHappened: '営業部のPC 1台がランサムウェアに感染',
      impact: 'PC 1台',
      response: 'バックアップから復旧中',
      unknowns: '流出の有無',
      nextDecision: '身代金に応じない方針の確認',
      postedBy: 'u1',
      postedByName: '佐藤 健',
      postedAt: '2026-11-20T01:00:00Z',
    },
  ],
  incidents: [
    { incidentId: 'i1', drill: false, reference: 'INC-2026-0042', category: 'C2', severity: 'critical', stage: 'analysis', nextDueAt: '2026-11-20T04:00:00Z', lastBriefingAt: '2026-11-20T01:00:00Z' },
    { incidentId: 'i2', drill: false, reference: 'INC-2026-0043', category: 'C9', severity: 'high', stage: 'triage', nextDueAt: '2026-11-20T02:00:00Z', lateNoticeAt: '2026-11-20T02:15:00Z' },
  ],
};

const now = new Date('2026-11-20T03:00:00Z');

function mockFeed(body: BriefingFeed) {
  vi.spyOn(globalThis, 'fetch').mockImplementation((input) =>
    Promise.resolve(fetchUrl(input) === '/api/briefings' ? jsonResponse(body) : jsonResponse({ title: 'Not Found', status: 404 }, 404)),
  );
}

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await i18n.changeLanguage('ja');
});

describe('DeskBriefings', () => {
  it('shows when each serious incident owes its next briefing, a late one marked, and what the executives were told', async () => {
    mockFeed(feed);
    renderWithProviders(<DeskBriefings now={now} />);

    const due = await screen.findAllByTestId('desk-briefing-due');
    expect(due).toHaveLength(2);
    expect(within(due[0]).getByRole('link', { name: 'INC-2026-0042' })).toHaveAttribute('href', '/incidents/i1');
    expect(within(due[0]).getByTestId('countdown')).toHaveTextContent('次回の報告期限 あと1時間0分');
    expect(within(due[1]).getByText(/遅れを通知済み/)).toBeInTheDocument();
    const card = screen.getByTestId('briefing');
    expect(within(card).getByRole('link', { name: 'INC-2026-0042' })).toBeInTheDocument();
    expect(card).toHaveTextContent('第1報');
    expect(card).toHaveTextContent('身代金に応じない方針の確認');
  });

  it('says so when nothing was briefed in the last 24 hours, in English too', async () => {
    await i18n.changeLanguage('en');
    mockFeed({ ...feed, items: [], incidents: [] });
    renderWithProviders(<DeskBriefings now={now} />);

    expect(await screen.findByText('No briefing in the last 24 hours.')).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'Briefings for the executives (last 24 h)' })).toBeInTheDocument();
    expect(screen.queryByTestId('desk-briefing-due')).toBeNull();
  });
});
