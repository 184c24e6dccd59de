import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { fetchUrl, jsonResponse, openSelectOptions, renderWithProviders } from '@/test/render';
import type { IncidentSummary, Stage } from '@/types';
import { IncidentBoard } from './incident-board';
import { IncidentCard } from './incident-card';

const hoursAgo = (h: number) => new Date(Date.now() - h * 3_600_000 - 5 * 60_000).toISOString();

function incident(p: Partial<IncidentSummary> & Pick<IncidentSummary, 'id' | 'reference' | 'stage'>): IncidentSummary {
  return {
    category: 'C3',
    summary: '不審なメールの添付を開いた',
    severity: null,
    ownerId: null,
    ownerName: null,
    reporterId: 'r1',
    reporterName: '山田 花子',
    noticedAt: hoursAgo(3),
    reportedAt: hoursAgo(2),
    ackDueAt: null,
    triageDueAt: null,
    breached: false,
    overdue: false,
    escalationLevel: 0,
    escalated: false,
    acknowledgedAt: null,
    updatedAt: hoursAgo(1),
    version: 1,
    ...p,
  };
}

const fixtures: IncidentSummary[] = [
  incident({ id: 'a', reference: 'INC-2026-0001', stage: 'detection' }),
  incident({ id: 'b', reference: 'INC-2026-0002', stage: 'triage', severity: 'high', ownerId: 'u1', ownerName: '佐藤 一郎', category: 'C2' }),
  incident({ id: 'c', reference: 'INC-2026-0003', stage: 'analysis', severity: 'critical' }),
  incident({ id: 'd', reference: 'INC-2026-0004', stage: 'analysis', severity: 'low' }),
  incident({ id: 'e', reference: 'INC-2026-0005', stage: 'closed', severity: 'medium' }),
];

function mockApi() {
  return vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
    const url = new URL(fetchUrl(input), 'http://localhost');
    const stage = url.searchParams.get('stage') as Stage | null;
    const items = fixtures.filter((f) => f.stage === stage);
    return Promise.resolve(jsonResponse({ items, total: items.length }));
  });
}

describe('IncidentBoard', () => {
  it('puts cards into the column of their stage, one query per column', async () => {
    const fetchMock = mockApi();
    renderWithProviders(<IncidentBoard />);

    const triage = screen.getByRole('region', { name: '初動対応' });
    expect(await within(triage).findByText('INC-2026-0002')).toBeInTheDocument();
    const analysis = screen.getByRole('region', { name: '分析' });
    expect(await within(analysis).findByText('INC-2026-0003')).toBeInTheDocument();
    expect(within(analysis).getByText('INC-2026-0004')).toBeInTheDocument();
    const detection = screen.getByRole('region', { name: '検知' });
    expect(await within(detection).findByText('INC-2026-0001')).toBeInTheDocument();
    expect(within(detection).queryByText('INC-2026-0002')).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: '復旧' })).toBeInTheDocument();
    expect(screen.getByRole('region', { name: '再発防止' })).toBeInTheDocument();
    // closed is hidden unless asked for
    expect(screen.queryByRole('region', { name: '完了' })).not.toBeInTheDocument();
    expect(screen.queryByText('INC-2026-0005')).not.toBeInTheDocument();

    const urls = fetchMock.mock.calls.map((c) => new URL(fetchUrl(c[0]), 'http://localhost'));
    expect(urls.every((u) => u.pathname === '/api/incidents' && u.searchParams.get('pageSize') === '200')).toBe(true);
    expect(new Set(urls.map((u) => u.searchParams.get('stage')))).toEqual(
      new Set(['detection', 'triage', 'analysis', 'recovery', 'prevention']),
    );
  });

  it('cards link to the incident page', async () => {
    mockApi();
    renderWithProviders(<IncidentBoard />);
    const triage = screen.getByRole('region', { name: '初動対応' });
    const link = (await within(triage).findByText('INC-2026-0002')).closest('a');
    expect(link).toHaveAttribute('href', '/incidents/b');
  });
});

describe('IncidentCard', () => {
  it('shows reference, category, severity badge, owner and age', () => {
    renderWithProviders(
      <IncidentCard
        incident={incident({ id: 'b', reference: 'INC-2026-0002', stage: 'triage', severity: 'high', ownerName: '佐藤 一郎', category: 'C2' })}
      />,
    );
    const card = screen.getByTestId('incident-card');
    expect(within(card).getByText('INC-2026-0002')).toBeInTheDocument();
    expect(within(card).getByText('ランサムウェア（画面ロック・身代金要求）')).toBeInTheDocument();
    const badge = within(card).getByText('高').closest('[data-severity]');
    expect(badge).toHaveAttribute('data-severity', 'high');
    expect(within(card).getByText('佐藤 一郎')).toBeInTheDocument();
    expect(within(card).getByTestId('incident-age')).toHaveTextContent('3時間前');
  });

  it('shows 未評価 and 未割当 before triage', () => {
    renderWithProviders(<IncidentCard incident={incident({ id: 'a', reference: 'INC-2026-0001', stage: 'detection' })} />);
    const card = screen.getByTestId('incident-card');
    expect(within(card).getByText('未評価').closest('[data-severity]')).toHaveAttribute('data-severity', 'unrated');
    expect(within(card).getByText('未割当')).toBeInTheDocument();
  });

  it('age reads in English when switched', async () => {
    const { default: i18n } = await import('@/lib/i18n');
    await act(() => i18n.changeLanguage('en'));
    try {
      renderWithProviders(<IncidentCard incident={incident({ id: 'a', reference: 'INC-2026-0001', stage: 'detection' })} />);
      expect(screen.getByTestId('incident-age')).toHaveTextContent('3h');
      expect(screen.getByText('Unrated')).toBeInTheDocument();
    } finally {
      await act(() => i18n.changeLanguage('ja'));
    }
  });
});

describe('IncidentCard deadlines', () => {
  const now = new Date('2026-04-01T10:00:00Z');
  const at = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();

  it('counts down to acknowledgement until someone acknowledges', () => {
    renderWithProviders(
      <IncidentCard incident={incident({ id: 'a', reference: 'INC-1', stage: 'detection', ackDueAt: at(12), triageDueAt: at(60) })} now={now} />,
    );
    expect(screen.getByTestId('countdown')).toHaveTextContent('受付期限 あと12分');
  });

  it('shows overdue and the breach marker', () => {
    renderWithProviders(
      <IncidentCard
        incident={incident({
          id: 'a', reference: 'INC-1', stage: 'triage', acknowledgedAt: at(-50), ackDueAt: at(-40), triageDueAt: at(-5), breached: true, overdue: true,
        })}
        now={now}
      />,
    );
    const c = screen.getByTestId('countdown');
    expect(c).toHaveTextContent('初動期限を5分超過');
    expect(c).toHaveAttribute('data-overdue', 'true');
    // the breach is said once, by its attention badge
    expect(screen.getAllByText('SLA超過')).toHaveLength(1);
    expect(within(screen.getByTestId('attention')).getByText('SLA超過')).toBeInTheDocument();
  });
});

describe('IncidentCard attention', () => {
  const now = new Date('2026-04-01T10:00:00Z');
  const at = (m: number) => new Date(now.getTime() + m * 60_000).toISOString();
  const badge = (card: HTMLElement, state: string) => card.querySelector<HTMLElement>(`[data-testid="attention-badge"][data-attention="${state}"]`);

  it('an escalated, overdue ransomware report does not look like a fresh one: colour, icon and words for each state', () => {
    renderWithProviders(
      <>
        <IncidentCard incident={incident({ id: 'fresh', reference: 'INC-1', stage: 'detection', category: 'C2', ackDueAt: at(20) })} now={now} />
        <IncidentCard
          incident={incident({
            id: 'late', reference: 'INC-2', stage: 'detection', category: 'C2', ackDueAt: at(25), overdue: true, escalated: true, escalationLevel: 1,
          })}
          now={now}
        />
      </>,
    );
    const [fresh, late] = screen.getAllByTestId('incident-card') as [HTMLElement, HTMLElement];
    expect(fresh).not.toHaveAttribute('data-attention');
    expect(within(fresh).queryByTestId('attention')).not.toBeInTheDocument();
    expect(fresh.style.borderLeft).toBe('');

    expect(late).toHaveAttribute('data-attention', 'overdue escalated');
    expect(late.style.borderLeft).toContain('var(--mantine-color-red-6)');
    const overdue = badge(late, 'overdue')!;
    const escalated = badge(late, 'escalated')!;
    expect(overdue).toHaveTextContent('期限超過');
    expect(escalated).toHaveTextContent('エスカレーション済');
    expect(escalated).toHaveAttribute('title', '受付がなく、2番目の連絡先まで通知しました');
    // not colour alone: each badge has its own icon
    const icon = (el: HTMLElement) => el.querySelector('svg')?.getAttribute('class') ?? '';
    expect(icon(overdue)).toContain('tabler-icon-clock-exclamation');
    expect(icon(escalated)).toContain('tabler-icon-arrow-big-up-lines');
    expect(badge(late, 'breached')).toBeNull();
  });

  it('a breach is the darkest edge and leads the badges', () => {
    renderWithProviders(
      <IncidentCard incident={incident({ id: 'b', reference: 'INC-3', stage: 'triage', breached: true, overdue: true, escalated: true, escalationLevel: 2 })} now={now} />,
    );
    const card = screen.getByTestId('incident-card');
    expect(card).toHaveAttribute('data-attention', 'breached overdue escalated');
    expect(card.style.borderLeft).toContain('var(--mantine-color-red-9)');
    const states = within(card).getAllByTestId('attention-badge').map((b) => b.getAttribute('data-attention'));
    expect(states).toEqual(['breached', 'overdue', 'escalated']);
    expect(badge(card, 'breached')!.querySelector('svg')?.getAttribute('class')).toContain('tabler-icon-alert-octagon');
  });

  it('a possible duplicate names the other report', () => {
    renderWithProviders(
      <IncidentCard
        incident={incident({ id: 'd', reference: 'INC-4', stage: 'detection', possibleDuplicateOf: { id: 'x', reference: 'INC-2026-0003' } })}
        now={now}
      />,
    );
    const card = screen.getByTestId('incident-card');
    const dup = badge(card, 'duplicate')!;
    expect(dup).toHaveTextContent('重複の可能性 INC-2026-0003');
    expect(dup.querySelector('svg')?.getAttribute('class')).toContain('tabler-icon-copy');
    // a duplicate alone is no deadline problem: no coloured edge
    expect(card).not.toHaveAttribute('data-attention');
  });

  it('says it in English when switched', async () => {
    const { default: i18n } = await import('@/lib/i18n');
    await act(() => i18n.changeLanguage('en'));
    try {
      renderWithProviders(
        <IncidentCard
          incident={incident({
            id: 'e', reference: 'INC-5', stage: 'triage', breached: true, overdue: true, escalated: true, escalationLevel: 1,
            possibleDuplicateOf: { id: 'x', reference: 'INC-2026-0003' },
          })}
          now={now}
        />,
      );
      const card = screen.getByTestId('incident-card');
      expect(badge(card, 'overdue')).toHaveTextContent('Overdue');
      expect(badge(card, 'escalated')).toHaveTextContent('Escalated');
      expect(badge(card, 'breached')).toHaveTextContent('SLA breached');
      expect(badge(card, 'duplicate')).toHaveTextContent('Possible duplicate of INC-2026-0003');
    } finally {
      await act(() => i18n.changeLanguage('ja'));
    }
  });
});

describe('IncidentBoard attention filter', () => {
  it('asks every column for the chosen attention state, and for everything again when cleared', async () => {
    const fetchMock = mockApi();
    const user = userEvent.setup();
    renderWithProviders(<IncidentBoard />);
    await within(screen.getByRole('region', { name: '初動対応' })).findByText('INC-2026-0002');
    const attentionOf = () => fetchMock.mock.calls.map((c) => new URL(fetchUrl(c[0]), 'http://localhost').searchParams.get('attention'));
    expect(attentionOf().every((a) => a === null)).toBe(true);

    await user.click((await openSelectOptions(user, screen.getByRole('textbox', { name: '注意が必要な件' }))).getByRole('option', { name: 'エスカレーション済', hidden: true }));
    await waitFor(() => expect(attentionOf().filter((a) => a === 'escalated')).toHaveLength(5));
    const escalatedStages = fetchMock.mock.calls
      .map((c) => new URL(fetchUrl(c[0]), 'http://localhost').searchParams)
      .filter((p) => p.get('attention') === 'escalated')
      .map((p) => p.get('stage'));
    expect(new Set(escalatedStages)).toEqual(new Set(['detection', 'triage', 'analysis', 'recovery', 'prevention']));

    await user.click((await openSelectOptions(user, screen.getByRole('textbox', { name: '注意が必要な件' }))).getByRole('option', { name: '注意が必要な件すべて', hidden: true }));
    await waitFor(() => expect(attentionOf().filter((a) => a === 'any')).toHaveLength(5));
  });

  it('offers any of them, overdue, escalated and breached', async () => {
    mockApi();
    const user = userEvent.setup();
    renderWithProviders(<IncidentBoard />);
    const options = await openSelectOptions(user, screen.getByRole('textbox', { name: '注意が必要な件' }));
    expect(options.getAllByRole('option', { hidden: true }).map((o) => o.textContent)).toEqual(['注意が必要な件すべて', '期限超過', 'エスカレーション済', 'SLA超過']);
  });
});
