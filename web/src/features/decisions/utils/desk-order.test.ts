import { describe, expect, it } from 'vitest';
import { summary } from '../test/fixtures';
import { decisionChangesSince, pendingByUrgency } from './desk-order';

describe('pendingByUrgency (the desk list)', () => {
  it('lists open requests only, the nearest needed-by first (one already past it at the top)', () => {
    const items = [
      summary({ id: 'later', neededBy: '2026-12-03T15:00:00Z' }),
      summary({ id: 'decided', neededBy: '2026-12-03T08:00:00Z', status: 'decided' }),
      summary({ id: 'overdue', neededBy: '2026-12-03T08:30:00Z' }),
      summary({ id: 'info', neededBy: '2026-12-03T11:00:00Z', status: 'info_asked' }),
      summary({ id: 'lapsed', neededBy: '2026-12-03T07:00:00Z', status: 'lapsed' }),
      summary({ id: 'withdrawn', neededBy: '2026-12-03T07:00:00Z', status: 'withdrawn' }),
    ];
    expect(pendingByUrgency(items).map((d) => d.id)).toEqual(['overdue', 'info', 'later']);
  });

  it('breaks a tie on the deadline by who asked first, and does not reorder its input', () => {
    const items = [
      summary({ id: 'b', requestedAt: '2026-12-03T09:30:00Z' }),
      summary({ id: 'a', requestedAt: '2026-12-03T09:00:00Z' }),
    ];
    expect(pendingByUrgency(items).map((d) => d.id)).toEqual(['a', 'b']);
    expect(items.map((d) => d.id)).toEqual(['b', 'a']);
  });
});

describe('decisionChangesSince (what changed since the last visit)', () => {
  const now = new Date('2026-12-03T13:00:00Z');
  const items = [
    summary({ id: 'decided', status: 'decided', decidedAt: '2026-12-03T10:30:00Z', optionLabel: '支払わない' }),
    summary({ id: 'decided-before', status: 'decided', decidedAt: '2026-12-03T09:30:00Z' }),
    summary({ id: 'lapsed', status: 'lapsed', neededBy: '2026-12-03T11:00:00Z' }),
    summary({ id: 'asked', requestedAt: '2026-12-03T12:00:00Z' }),
    summary({ id: 'asked-before', requestedAt: '2026-12-03T08:00:00Z' }),
  ];

  it('shows requests decided, lapsed and asked after the last visit, newest first', () => {
    const changes = decisionChangesSince(items, '2026-12-03T10:00:00Z', now);
    expect(changes.map((c) => [c.decision.id, c.change])).toEqual([
      ['asked', 'requested'],
      ['lapsed', 'lapsed'],
      ['decided', 'decided'],
    ]);
  });

  it('shows nothing on the first visit', () => {
    expect(decisionChangesSince(items, null, now)).toEqual([]);
  });
});
