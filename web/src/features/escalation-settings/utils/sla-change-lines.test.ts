import { describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { slaChangeLines } from './sla-change-lines';

const m = (minutes: number) => ({ minutes, nextBusinessDay: false });
const row = (severity: string, acknowledge: unknown, triage: unknown, reminder: unknown) => ({ severity, acknowledge, triage, reminder });
const policy = (unratedAck: unknown, highTriage: unknown) => ({
  rows: [
    row('unrated', unratedAck, m(240), m(240)),
    row('critical', m(15), m(60), m(60)),
    row('high', m(30), highTriage, m(240)),
    row('medium', m(240), m(1440), m(1440)),
    row('low', { minutes: null, nextBusinessDay: true }, { minutes: null, nextBusinessDay: true }, m(4320)),
  ],
  timeZone: 'Asia/Tokyo',
  businessDayStartHour: 9,
});

describe('slaChangeLines', () => {
  const ja = i18n.getFixedT('ja');
  const en = i18n.getFixedT('en');

  it('lists only the deadlines that changed since the previous policy', () => {
    const before = policy({ minutes: null, nextBusinessDay: false, seconds: 5 }, m(240));
    const after = policy(m(30), m(120));
    expect(slaChangeLines(ja, after, before)).toEqual(['未評価・受付確認：5秒 → 30分', '高・初動対応：240分 → 120分']);
    expect(slaChangeLines(en, after, before)).toEqual(['Unrated · Acknowledge: 5 s → 30 min', 'High · Triage: 240 min → 120 min']);
  });

  it('reads a policy saved before briefing intervals as the defaults, and names a changed or stopped interval', () => {
    const before = policy(m(30), m(240)); // no briefing field: critical every 120 min, high every 240 min
    const after = {
      ...before,
      rows: before.rows.map((r) =>
        r.severity === 'critical' ? { ...r, briefing: m(60) } : r.severity === 'high' ? { ...r, briefing: { minutes: null, nextBusinessDay: false } } : r,
      ),
    };
    expect(slaChangeLines(ja, after, before)).toEqual(['緊急・経営層への状況報告：120分 → 60分', '高・経営層への状況報告：240分 → 定期報告なし']);
    expect(slaChangeLines(en, after, after)).toEqual([]);
    expect(slaChangeLines(en, policy(m(30), m(240)), undefined)[1]).toBe(
      'Critical: Acknowledge 15 min / Triage 60 min / Reminder 60 min / Executive briefing 120 min',
    );
  });

  it('shows the whole policy when there is nothing earlier to compare with', () => {
    const lines = slaChangeLines(ja, policy(m(30), m(240)), undefined);
    expect(lines).toHaveLength(5);
    expect(lines[4]).toBe('低：受付確認 翌営業日／初動対応 翌営業日／催促 4320分');
  });
});
