import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, renderWithProviders, signedIn } from '@/test/render';
import type { TimelineEntry, TimelineList } from '@/types';
import { HIDE_SYSTEM_KEY, SYSTEM_ACTOR_ID } from '../utils/timeline-events';
import { IncidentTimeline } from './incident-timeline';

let seq = 0;
const entry = (type: string, data: Record<string, unknown>, actor: [string, string], stream = 'incident'): TimelineEntry => ({
  seq: ++seq,
  version: seq,
  type,
  at: '2026-12-02T09:31:00Z',
  actorId: actor[0],
  actorName: actor[1],
  data,
  stream,
});

const yamada: [string, string] = ['u-yamada', '山田 花子 (営業部)'];
const sato: [string, string] = ['u-sato', '佐藤 健'];
const system: [string, string] = [SYSTEM_ACTOR_ID, 'IncidentDesk'];

// A long incident: two people's entries among the system's timers and deliveries.
const timeline: TimelineList = {
  names: {},
  items: [
    entry('incident_reported', { category: 'C2' }, yamada),
    entry('possible_duplicate_flagged', { otherReference: 'INC-2026-0004', similarity: 0.9 }, system),
    entry('deadline_set', { kind: 'Acknowledge', dueAt: '2026-12-02T09:46:00Z' }, system, 'escalation'),
    entry('notification_queued', { notificationId: 'n1', recipientName: '山田 花子 (営業部)', channel: 'email', subject: '件名' }, system, 'escalation'),
    entry('notification_sent', { notificationId: 'n1', channel: 'email', address: 'y@example.test', transport: 'smtp' }, system, 'escalation'),
    entry('incident_acknowledged', {}, sato),
  ],
};

const render = () => renderWithProviders(<IncidentTimeline incidentId="i1" />, { me: signedIn(['Responder']) });
const items = () => document.querySelectorAll('[data-event-type]');

describe('IncidentTimeline', () => {
  beforeEach(() => {
    window.localStorage.removeItem(HIDE_SYSTEM_KEY);
    vi.spyOn(globalThis, 'fetch').mockImplementation(() => Promise.resolve(jsonResponse(timeline)));
  });
  afterEach(() => vi.restoreAllMocks());

  it('marks the system\'s entries with an icon, a badge and a dimmed colour, never italic', async () => {
    render();
    expect(await screen.findByText('山田 花子さん（営業部）にメールを送信しました（IncidentDesk）')).toBeInTheDocument();
    const systemItems = [...items()].filter((el) => el.getAttribute('data-system') === 'true');
    // the queued message is shown once, as its outcome
    expect(systemItems.map((el) => el.getAttribute('data-event-type'))).toEqual(['possible_duplicate_flagged', 'deadline_set', 'notification_sent']);
    for (const el of systemItems) expect(within(el as HTMLElement).getByText('システム')).toBeInTheDocument();
    for (const el of document.querySelectorAll('[data-event-type] p')) expect((el as HTMLElement).style.fontStyle).not.toBe('italic');
    expect(screen.getByText('山田 花子さん（営業部）が「ランサムウェア（画面ロック・身代金要求）」として報告しました')).toBeInTheDocument();
  });

  it('hides the system\'s entries on request, says how many, and remembers it on this browser', async () => {
    const user = userEvent.setup();
    const first = render();
    await screen.findByText('佐藤 健さんが受付を確認しました');
    expect(items()).toHaveLength(5);
    expect(screen.queryByTestId('timeline-hidden-count')).not.toBeInTheDocument();

    await user.click(screen.getByRole('switch', { name: 'システムの記録を隠す' }));

    expect([...items()].map((el) => el.getAttribute('data-event-type'))).toEqual(['incident_reported', 'incident_acknowledged']);
    expect(screen.getByTestId('timeline-hidden-count')).toHaveTextContent('システムの記録3件を非表示にしています');
    expect(window.localStorage.getItem(HIDE_SYSTEM_KEY)).toBe('1');

    first.unmount();
    render();
    await screen.findByText('佐藤 健さんが受付を確認しました');
    expect(screen.getByRole('switch', { name: 'システムの記録を隠す' })).toBeChecked();
    expect(items()).toHaveLength(2);

    await user.click(screen.getByRole('switch', { name: 'システムの記録を隠す' }));
    expect(items()).toHaveLength(5);
    expect(window.localStorage.getItem(HIDE_SYSTEM_KEY)).toBe('0');
  });
});
