import type { TFunction } from 'i18next';
import { arr, num, rec, str } from './event-data';

const COLUMNS = ['acknowledge', 'triage', 'reminder'] as const;
const SEVERITIES = ['unrated', 'critical', 'high', 'medium', 'low'];

/** One SLA span as 「30分」「翌営業日」「5秒」 / "30 min", "Next business day", "5 s". */
function spanText(t: TFunction, span: unknown): string {
  const s = rec(span);
  if (s.nextBusinessDay === true) return t('sla.nextBusinessDay');
  if (typeof s.seconds === 'number') return t('sla.seconds', { n: s.seconds });
  if (typeof s.minutes === 'number') return t('history.spanMinutes', { n: s.minutes });
  return '—';
}

/** Briefing intervals are for high and critical; a policy saved before they existed had these (minutes). */
const BRIEFING_DEFAULT: Record<string, number> = { critical: 120, high: 240 };

/** A row's briefing interval as text: minutes, seconds, or 「定期報告なし」 / "No scheduled briefing". */
function briefingText(t: TFunction, row: Record<string, unknown> | undefined, severity: string): string {
  if (row?.briefing === undefined || row.briefing === null)
    return severity in BRIEFING_DEFAULT ? t('history.spanMinutes', { n: BRIEFING_DEFAULT[severity] }) : t('sla.briefingOff');
  const b = rec(row.briefing);
  return typeof b.seconds === 'number' || typeof b.minutes === 'number' ? spanText(t, b) : t('sla.briefingOff');
}

const rowsBySeverity = (data: unknown) => new Map(arr(rec(data).rows).map((r) => [str(rec(r).severity), rec(r)]));

/**
 * What an SLA change changed, one line per deadline (「高・初動対応：240分 → 120分」); for the first change on
 * record (nothing earlier to compare with) the whole policy, one line per severity.
 */
export function slaChangeLines(t: TFunction, data: unknown, previous: unknown): string[] {
  const sev = (s: string) => t(`severity.${s}`);
  const now = rowsBySeverity(data);
  const order = [...SEVERITIES, ...[...now.keys()].filter((s) => !SEVERITIES.includes(s))].filter((s) => now.has(s));
  if (previous === undefined) {
    return order.map((s) =>
      t('history.slaRow', {
        severity: sev(s),
        spans: [
          ...COLUMNS.map((c) => `${t(`sla.${c}`)} ${spanText(t, now.get(s)?.[c])}`),
          ...(s in BRIEFING_DEFAULT ? [`${t('sla.briefing')} ${briefingText(t, now.get(s), s)}`] : []),
        ].join(t('history.separator')),
      }),
    );
  }
  const before = rowsBySeverity(previous);
  const lines: string[] = [];
  for (const s of order) {
    for (const c of COLUMNS) {
      const from = spanText(t, before.get(s)?.[c]);
      const to = spanText(t, now.get(s)?.[c]);
      if (from !== to) lines.push(t('history.slaChanged', { severity: sev(s), column: t(`sla.${c}`), from, to }));
    }
    if (s in BRIEFING_DEFAULT) {
      const from = briefingText(t, before.get(s), s);
      const to = briefingText(t, now.get(s), s);
      if (from !== to) lines.push(t('history.slaChanged', { severity: sev(s), column: t('sla.briefing'), from, to }));
    }
  }
  const tz = (d: unknown) => `${str(rec(d).timeZone)} ${num(rec(d).businessDayStartHour) ?? ''}`;
  if (tz(previous) !== tz(data)) {
    lines.push(t('sla.timeZone', { tz: str(rec(data).timeZone), hour: rec(data).businessDayStartHour }));
  }
  return lines;
}
