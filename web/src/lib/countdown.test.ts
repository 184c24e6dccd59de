import { describe, expect, it } from 'vitest';
import i18n from '@/lib/i18n';
import { formatCountdown } from './countdown';

const now = new Date('2026-04-01T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000).toISOString();

describe('formatCountdown', () => {
  const ja = i18n.getFixedT('ja');
  const en = i18n.getFixedT('en');

  it('counts down to a future deadline', () => {
    expect(formatCountdown(ja, at(12), now)).toEqual({ text: 'あと12分', overdue: false, breached: false });
    expect(formatCountdown(en, at(12), now).text).toBe('12 min left');
    expect(formatCountdown(ja, at(65), now).text).toBe('あと1時間5分');
    expect(formatCountdown(en, at(60 * 26), now).text).toBe('1 d 2 h left');
    expect(formatCountdown(ja, new Date(now.getTime() + 20_000).toISOString(), now).text).toBe('あと1分未満');
  });

  it('marks a past deadline as overdue', () => {
    const c = formatCountdown(ja, at(-7), now);
    expect(c.overdue).toBe(true);
    expect(c.text).toBe('期限を7分超過');
    expect(formatCountdown(en, at(-7), now).text).toBe('overdue by 7 min');
  });

  it('names the deadline when given a label', () => {
    expect(formatCountdown(ja, at(12), now, false, ja('countdown.ack')).text).toBe('受付期限 あと12分');
    expect(formatCountdown(en, at(12), now, false, en('countdown.ack')).text).toBe('Acknowledge: 12 min left');
    expect(formatCountdown(ja, at(-5), now, false, ja('countdown.triage')).text).toBe('初動期限を5分超過');
    expect(formatCountdown(en, at(-5), now, false, en('countdown.triage')).text).toBe('Triage: overdue by 5 min');
  });

  it('carries the breach flag', () => {
    expect(formatCountdown(ja, at(-30), now, true)).toMatchObject({ overdue: true, breached: true });
    expect(formatCountdown(ja, at(30), now, true)).toMatchObject({ overdue: false, breached: true });
  });
});
