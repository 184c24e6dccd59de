import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';

export interface Countdown {
  /**
   * 「あと12分」 / "12 min left", or 「期限を5分超過」 / "overdue by 5 min"; with a label
   * 「受付期限 あと12分」 / "Acknowledge: 12 min left", 「初動期限を5分超過」 / "Triage: overdue by 5 min".
   */
  text: string;
  overdue: boolean;
  breached: boolean;
}

/** A span of minutes as 「12分」「1時間5分」「2日3時間」 / "12 min", "1 h 5 min", "2 d 3 h". */
export function formatSpan(t: TFunction, ms: number): string {
  const minutes = Math.floor(Math.abs(ms) / 60_000);
  if (minutes < 1) return t('countdown.lessThanMinute');
  if (minutes < 60) return t('countdown.minutes', { m: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('countdown.hoursMinutes', { h: hours, m: minutes % 60 });
  return t('countdown.days', { d: Math.floor(hours / 24), h: hours % 24 });
}

/** Time left to (or past) a deadline, computed on the client from the due time; `label` names the deadline. */
export function formatCountdown(t: TFunction, dueAt: string, now: Date, breached = false, label?: string): Countdown {
  const ms = new Date(dueAt).getTime() - now.getTime();
  const overdue = ms <= 0;
  const span = formatSpan(t, ms);
  const key = label ? (overdue ? 'countdown.labelledOverdue' : 'countdown.labelledLeft') : overdue ? 'countdown.overdue' : 'countdown.left';
  return { text: t(key, { span, label }), overdue, breached };
}

/** The current time, refreshed every `intervalMs` (30 s by default) so countdowns move on their own. */
export function useNow(intervalMs = 30_000, fixed?: Date): Date {
  const [now, setNow] = useState(() => fixed ?? new Date());
  useEffect(() => {
    if (fixed) return;
    const id = setInterval(() => setNow(new Date()), intervalMs);
    return () => clearInterval(id);
  }, [intervalMs, fixed]);
  return fixed ?? now;
}
