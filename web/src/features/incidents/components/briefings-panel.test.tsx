import { cleanup, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { fetchJsonBody, fetchUrl, jsonResponse, renderWithProviders } from '@/test/render';
import type { BriefingView, IncidentBriefings, IncidentDetail } from '@/types';
import { BriefingsPanel, BriefingsSection } from './briefings-panel';

const incident: IncidentDetail = {
  id: 'i1',
  reference: 'INC-2026-0042',
  category: 'C2',
  summary: '画面に身代金要求',
  stage: 'analysis',
  severity: 'critical',
  ownerId: 'u1',
  ownerName: '佐藤 健',
  reporterId: 'r1',
  reporterName: '山田 花子',
  noticedAt: '2026-11-20T00:00:00Z',
  reportedAt: '2026-11-20T00:10:00Z',
  acknowledgedAt: '2026-11-20T00:20:00Z',
  updatedAt: '2026-11-20T00:20:00Z',
  version: 9,
  contact: null,
  deviceId: null,
  personalDataMayBeInvolved: true,
  disconnectedFromNetwork: true,
  triage: null,
  analysis: null,
  recovery: null,
  prevention: null,
  notes: [],
  exitCriteria: [],
  nextStage: 'recovery',
  checklist: { playbook: null, earlierPlaybooks: [], steps: [], progress: [] },
};

const briefing = (number: number, postedAt: string): BriefingView => ({
  id: `b${number}`,
  drill: false,
  incidentId: 'i1',
  reference: 'INC-2026-0042',
  number,
  severity: 'critical',
  whatHappened: `第${number}報の事象`,
  impact: 'PC 1台',
  response: 'バックアップから復旧中',
  unknowns: '流出の有無',
  nextDecision: '身代金に応じない方針の確認',
  postedBy: 'u1',
  postedByName: '佐藤 健',
  postedAt,
});

const now = new Date('2026-11-20T03:00:00Z');

const data = (p: Partial<IncidentBriefings> = {}): IncidentBriefings => ({
  items: [briefing(2, '2026-11-20T02:00:00Z'), briefing(1, '2026-11-20T01:00:00Z')],
  canPost: true,
  nextDueAt: '2026-11-20T04:00:00Z',
  lateNoticeAt: null,
  ...p,
});

afterEach(async () => {
  cleanup();
  vi.restoreAllMocks();
  await i18n.changeLanguage('ja');
});

describe('BriefingsSection', () => {
  it('lists every briefing newest first with who posted it and when, and counts down to the next one (Japanese)', () => {
    renderWithProviders(<BriefingsSection incident={incident} data={data()} canCommand now={now} />);

    expect(screen.getByRole('heading', { name: '経営層への状況報告' })).toBeInTheDocument();
    const cards = screen.getAllByTestId('briefing');
    expect(cards.map((c) => within(c).getByText(/^第\d報$/).textContent)).toEqual(['第2報', '第1報']);
    expect(within(cards[0]).getByText('佐藤 健・2026/11/20 11:00')).toBeInTheDocument();
    expect(within(cards[0]).getByText('必要な経営判断')).toBeInTheDocument();
    expect(within(cards[0]).getByText('身代金に応じない方針の確認')).toBeInTheDocument();
    expect(screen.getByTestId('countdown')).toHaveTextContent('次回の報告期限 あと1時間0分');
    expect(screen.getByTestId('countdown')).toHaveAttribute('data-overdue', 'false');
  });

  it('says in English when the executives were told the briefing is late, and the countdown turns overdue', async () => {
    await i18n.changeLanguage('en');
    renderWithProviders(
      <BriefingsSection incident={incident} data={data({ nextDueAt: '2026-11-20T02:30:00Z', lateNoticeAt: '2026-11-20T02:45:00Z' })} canCommand now={now} />,
    );

    expect(screen.getByText('The briefing is overdue: the executives were told at 20 Nov 2026, 11:45.')).toBeInTheDocument();
    expect(screen.getByTestId('countdown')).toHaveAttribute('data-overdue', 'true');
    expect(screen.getByRole('button', { name: 'Write a briefing' })).toBeInTheDocument();
  });

  it('offers no form to an executive, who only reads', () => {
    renderWithProviders(<BriefingsSection incident={incident} data={data()} canCommand={false} now={now} />);

    expect(screen.queryByRole('button', { name: '状況報告を書く' })).not.toBeInTheDocument();
    expect(screen.getAllByTestId('briefing')).toHaveLength(2);
  });

  it('posts the five parts with If-Match and asks for every one first', async () => {
    const user = userEvent.setup();
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse({ ...incident, version: 10 })));
    renderWithProviders(<BriefingsSection incident={incident} data={data()} canCommand now={now} />);

    await user.click(screen.getByRole('button', { name: '状況報告を書く' }));
    const form = screen.getByRole('form', { name: '状況報告（第3報）' });
    await user.type(within(form).getByLabelText(/何が起きたか/), 'PC 1台が暗号化された');
    await user.click(within(form).getByRole('button', { name: '経営層に報告する' }));
    expect(await within(form).findAllByText('入力してください')).toHaveLength(4);
    expect(fetchMock).not.toHaveBeenCalled();

    await user.type(within(form).getByLabelText(/これまでの影響/), 'PC 1台');
    await user.type(within(form).getByLabelText(/現在の対応/), '調査中');
    await user.type(within(form).getByLabelText(/まだ分かっていないこと/), '流出の有無');
    await user.type(within(form).getByLabelText(/必要な経営判断/), 'なし');
    await user.click(within(form).getByRole('button', { name: '経営層に報告する' }));

    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const [url, init] = fetchMock.mock.calls[0];
    expect(fetchUrl(url)).toBe('/api/incidents/i1/briefings');
    expect(new Headers(init?.headers).get('If-Match')).toBe('"9"');
    expect(fetchJsonBody(init)).toEqual({
      whatHappened: 'PC 1台が暗号化された', impact: 'PC 1台', response: '調査中', unknowns: '流出の有無', nextDecision: 'なし',
    });
    expect(await screen.findByText('状況報告を経営層に送りました')).toBeInTheDocument();
  });

  it('puts a 400 from the server on the field it names', async () => {
    const user = userEvent.setup();
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(
      jsonResponse({ title: 'Invalid request', status: 400, errors: { unknowns: ['must not contain control characters other than line breaks and tabs'] } }, 400),
    );
    renderWithProviders(<BriefingsSection incident={incident} data={data({ items: [] })} canCommand now={now} />);

    expect(screen.getByText('まだ報告はありません。')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: '状況報告を書く' }));
    const form = screen.getByRole('form', { name: '状況報告（第1報）' });
    for (const label of [/何が起きたか/, /これまでの影響/, /現在の対応/, /まだ分かっていないこと/, /必要な経営判断/])
      await user.type(within(form).getByLabelText(label), 'x');
    await user.click(within(form).getByRole('button', { name: '経営層に報告する' }));

    expect(await within(form).findByText('must not contain control characters other than line breaks and tabs')).toBeInTheDocument();
  });
});

describe('BriefingsPanel', () => {
  it('shows nothing for an incident that cannot be briefed and never was', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(data({ items: [], canPost: false, nextDueAt: null })));
    renderWithProviders(<BriefingsPanel incident={{ ...incident, severity: 'medium' }} canCommand />);

    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    expect(fetchUrl(fetchMock.mock.calls[0][0])).toBe('/api/incidents/i1/briefings');
    expect(screen.queryByTestId('briefings')).not.toBeInTheDocument();
  });

  it('keeps the record of an incident that was briefed and then re-rated below high', async () => {
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(data({ canPost: false, nextDueAt: null })));
    renderWithProviders(<BriefingsPanel incident={{ ...incident, severity: 'medium' }} canCommand />);

    expect(await screen.findAllByTestId('briefing')).toHaveLength(2);
    expect(screen.queryByRole('button', { name: '状況報告を書く' })).not.toBeInTheDocument();
  });
});
