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
    expect(c.text).toBe('期限超過（7分）');
    expect(formatCountdown(en, at(-7), now).text).toBe('overdue (7 min)');
  });

  it('carries the breach flag', () => {
    expect(formatCountdown(ja, at(-30), now, true)).toMatchObject({ overdue: true, breached: true });
    expect(formatCountdown(ja, at(30), now, true)).toMatchObject({ overdue: false, breached: true });
  });
});
