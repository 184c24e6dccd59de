import { act, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import i18n from '@/lib/i18n';
import { fetchUrl, jsonResponse, renderWithProviders, signedIn } from '@/test/render';
import type { IncidentSummary, TimelineList } from '@/types';
import { IncidentBoard } from './incident-board';
import { IncidentCard } from './incident-card';
import { IncidentTimeline } from './incident-timeline';

const drillIncident: IncidentSummary = {
  id: 'd1',
  reference: 'DRL-2026-0001',
  stage: 'detection',
  category: 'C2',
  summary: '【訓練】PCに身代金要求の画面',
  severity: null,
  ownerId: null,
  ownerName: null,
  reporterId: 'r1',
  reporterName: '山田 花子',
  noticedAt: '2026-12-02T09:00:00Z',
  reportedAt: '2026-12-02T09:01:00Z',
  ackDueAt: null,
  triageDueAt: null,
  breached: false,
  overdue: false,
  escalationLevel: 0,
  escalated: false,
  acknowledgedAt: null,
  updatedAt: '2026-12-02T09:01:00Z',
  version: 1,
  drillRunId: 'run-1',
};

afterEach(async () => {
  await act(() => i18n.changeLanguage('ja'));
});

describe('drill incidents on the board', () => {
  it('a drill incident’s card carries the 訓練 / DRILL badge and the drill colour; a real one neither', () => {
    renderWithProviders(
      <>
        <IncidentCard incident={drillIncident} />
        <IncidentCard incident={{ ...drillIncident, id: 'r1', reference: 'INC-2026-0001', drillRunId: null }} />
      </>,
    );
    const [drill, real] = screen.getAllByTestId('incident-card');
    expect(drill).toHaveAttribute('data-drill', 'true');
    expect(within(drill).getByTestId('drill-badge')).toHaveTextContent('訓練 / DRILL');
    expect(real).not.toHaveAttribute('data-drill');
    expect(within(real).queryByTestId('drill-badge')).toBeNull();
  });

  it('asks for real incidents by default and for drills or all once the filter says so', async () => {
    const fetchMock = vi.spyOn(globalThis, 'fetch').mockImplementation((input) => {
      const url = new URL(fetchUrl(input), 'http://localhost');
      const drills = url.searchParams.get('kind') === 'drill' && url.searchParams.get('stage') === 'detection';
      return Promise.resolve(jsonResponse({ items: drills ? [drillIncident] : [], total: drills ? 1 : 0 }));
    });
    renderWithProviders(<IncidentBoard />);
    await waitFor(() => expect(fetchMock).toHaveBeenCalled());
    const kinds = () => fetchMock.mock.calls.map(([input]) => new URL(fetchUrl(input), 'http://localhost').searchParams.get('kind'));
    expect(new Set(kinds())).toEqual(new Set([null]));
    expect(screen.queryByText('DRL-2026-0001')).toBeNull();

    fetchMock.mockClear();
    await userEvent.click(screen.getByRole('radio', { name: '訓練' }));
    expect(await screen.findByText('DRL-2026-0001')).toBeInTheDocument();
    expect(new Set(kinds())).toEqual(new Set(['drill']));

    fetchMock.mockClear();
    await userEvent.click(screen.getByRole('radio', { name: 'すべて' }));
    await waitFor(() => expect(kinds()).toContain('all'));
  });
});

describe('a simulated drill message on the timeline', () => {
  it('reads as “not sent (drill)” with the address and the reason, never as sent', async () => {
    const system = '00000000-0000-4000-8000-00000000d35c';
    const base = { version: 1, at: '2026-12-02T09:31:00Z', actorId: system, actorName: 'IncidentDesk', stream: 'escalation' };
    const timeline: TimelineList = {
      names: {},
      items: [
        { ...base, seq: 1, type: 'notification_queued', data: { notificationId: 'n1', recipientName: 'Press', channel: 'email', subject: '【訓練/DRILL】 件名', address: 'press@example.com' } },
        { ...base, seq: 2, type: 'notification_simulated', data: { notificationId: 'n1', channel: 'email', address: 'press@example.com', reason: 'outside-run', drillRunId: 'run-1' } },
      ],
    };
    vi.spyOn(globalThis, 'fetch').mockResolvedValue(jsonResponse(timeline));
    renderWithProviders(<IncidentTimeline incidentId="d1" />, { me: signedIn(['Responder']) });

    const item = await screen.findByText(/送信されませんでした（訓練のため）/);
    expect(item).toHaveTextContent('Press');
    const entry = item.closest('[data-event-type]')!;
    expect(entry).toHaveAttribute('data-event-type', 'notification_simulated');
    expect(entry).toHaveTextContent('press@example.com');
    expect(entry).toHaveTextContent('宛先が訓練の参加者ではありません');
    // The queued entry is settled by the simulated one: the message shows once.
    expect(document.querySelector('[data-event-type="notification_queued"]')).toBeNull();
  });
});
