import type { TFunction } from 'i18next';

/** Compact age like 「3時間前」 / "3h", from an ISO time to now. */
export function formatAge(t: TFunction, iso: string, now: Date = new Date()): string {
  const ms = now.getTime() - new Date(iso).getTime();
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 1) return t('age.justNow');
  if (minutes < 60) return t('age.minutes', { count: minutes });
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return t('age.hours', { count: hours });
  const days = Math.floor(hours / 24);
  return t('age.days', { count: days });
}

// ---- The organisation's time zone -------------------------------------------------------------------------
// Every time on screen is written in the organisation's zone (the SLA policy's, sent with the signed-in account
// and with an acknowledge link), never the browser's: a responder abroad and the mail they received agree.

const DEFAULT_TIME_ZONE = 'Asia/Tokyo';
let orgTimeZone = DEFAULT_TIME_ZONE;
const partsFormats = new Map<string, Intl.DateTimeFormat>();

const isKnownZone = (tz: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
};

/** Set from the API (MeDto.timeZone, AckLinkView.timeZone); an unknown zone keeps the previous one. */
export function setOrgTimeZone(tz: string | null | undefined): void {
  if (tz && tz !== orgTimeZone && isKnownZone(tz)) orgTimeZone = tz;
}

export const getOrgTimeZone = () => orgTimeZone;

interface WallParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** The wall-clock date and time of an instant in the organisation's zone. */
function wallParts(d: Date, tz = orgTimeZone): WallParts {
  let f = partsFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormats.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(d)) if (part.type !== 'literal') p[part.type] = Number(part.value);
  return { year: p.year, month: p.month, day: p.day, hour: p.hour % 24, minute: p.minute, second: p.second };
}

const pad = (n: number) => String(n).padStart(2, '0');
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const datePart = (p: Pick<WallParts, 'year' | 'month' | 'day'>, lang: string) =>
  lang === 'en' ? `${p.day} ${EN_MONTHS[p.month - 1]} ${p.year}` : `${p.year}/${pad(p.month)}/${pad(p.day)}`;

const parse = (iso: string | null | undefined): Date | null => {
  if (!iso) return null;
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** ja: 2026/12/03 18:31; en: 3 Dec 2026, 18:31 — in the organisation's zone (as the mails write them). */
export function formatDateTime(iso: string | null | undefined, lang: string): string {
  const d = parse(iso);
  if (!d) return iso ?? '';
  const p = wallParts(d);
  return `${datePart(p, lang)}${lang === 'en' ? ',' : ''} ${pad(p.hour)}:${pad(p.minute)}`;
}

/**
 * ja: 2026/12/03; en: 3 Dec 2026. A date-only value (2026-12-03, a measure's deadline) is a calendar day and is
 * written as it is; a full time is the day it falls on in the organisation's zone.
 */
export function formatDate(value: string | null | undefined, lang: string): string {
  if (!value) return '';
  const dateOnly = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (dateOnly) return datePart({ year: +dateOnly[1], month: +dateOnly[2], day: +dateOnly[3] }, lang);
  const d = parse(value);
  return d ? datePart(wallParts(d), lang) : value;
}

/** "JST", or "UTC+01:00" / "UTC" for other zones, for labels beside inputs. */
export function zoneLabel(at: Date = new Date()): string {
  if (orgTimeZone === 'Asia/Tokyo') return 'JST';
  const offset = Math.round(zoneOffsetMs(at) / 60_000);
  if (offset === 0) return 'UTC';
  const abs = Math.abs(offset);
  return `UTC${offset < 0 ? '-' : '+'}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** How far the organisation's wall clock is ahead of UTC at an instant. */
function zoneOffsetMs(d: Date): number {
  const p = wallParts(d);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(d.getTime() / 1000) * 1000;
}

// ---- Values of the date pickers: wall-clock strings in the organisation's zone ----------------------------
// Mantine's pickers hold "YYYY-MM-DD HH:mm:ss" (no zone); these convert between that and ISO instants.

/** "2026-12-03 18:31:00" for an instant, in the organisation's zone. */
export function toOrgWall(d: Date): string {
  const p = wallParts(d);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(p.hour)}:${pad(p.minute)}:00`;
}

export function isoToOrgWall(iso: string | null | undefined): string {
  const d = parse(iso);
  return d ? toOrgWall(d) : '';
}

/** The instant a wall-clock time in the organisation's zone denotes (the later one in a DST gap). */
export function orgWallToIso(wall: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2}))?$/.exec(wall.trim());
  if (!m) return '';
  const asUtc = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +(m[6] ?? 0));
  let t = asUtc - zoneOffsetMs(new Date(asUtc));
  t = asUtc - zoneOffsetMs(new Date(t));
  return new Date(t).toISOString();
}

/** Midnight today (or a given hour) on the organisation's calendar, as a wall string. */
export function orgWallToday(hour: number, now: Date = new Date()): string {
  const p = wallParts(now);
  return `${p.year}-${pad(p.month)}-${pad(p.day)} ${pad(hour)}:00:00`;
}
