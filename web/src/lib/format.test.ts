import { afterEach, describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDateTime,
  getOrgTimeZone,
  isoToOrgWall,
  orgWallToIso,
  orgWallToday,
  setOrgTimeZone,
  toOrgWall,
  zoneLabel,
} from './format';

afterEach(() => setOrgTimeZone('Asia/Tokyo'));

describe('times in the organisation’s zone, dates by language', () => {
  it('writes 18:31Z as the next day in Tokyo, as the mails do', () => {
    expect(formatDateTime('2026-12-02T18:31:00Z', 'ja')).toBe('2026/12/03 03:31');
    expect(formatDateTime('2026-12-02T18:31:00Z', 'en')).toBe('3 Dec 2026, 03:31');
  });

  it('follows the zone the API names, not the browser’s', () => {
    setOrgTimeZone('Europe/Berlin');
    expect(formatDateTime('2026-12-02T18:31:00Z', 'en')).toBe('2 Dec 2026, 19:31');
    expect(formatDateTime('2026-07-02T18:31:00Z', 'en')).toBe('2 Jul 2026, 20:31');
    expect(zoneLabel(new Date('2026-07-02T00:00:00Z'))).toBe('UTC+02:00');
  });

  it('keeps the previous zone when the API names one the browser does not know', () => {
    setOrgTimeZone('Mars/Olympus_Mons');
    expect(getOrgTimeZone()).toBe('Asia/Tokyo');
    expect(zoneLabel()).toBe('JST');
  });

  it('writes a calendar day as it is, and a time as the day it falls on there', () => {
    expect(formatDate('2026-12-31', 'ja')).toBe('2026/12/31');
    expect(formatDate('2026-12-31', 'en')).toBe('31 Dec 2026');
    expect(formatDate('2026-12-31T16:00:00Z', 'ja')).toBe('2027/01/01');
  });

  it('leaves what is not a time as it is', () => {
    expect(formatDateTime(null, 'ja')).toBe('');
    expect(formatDateTime('soon', 'ja')).toBe('soon');
  });
});

describe('picker values are wall-clock times in the organisation’s zone', () => {
  it('round-trips an instant through the wall clock', () => {
    const iso = '2026-12-02T18:31:00.000Z';
    expect(isoToOrgWall(iso)).toBe('2026-12-03 03:31:00');
    expect(orgWallToIso('2026-12-03 03:31:00')).toBe(iso);
  });

  it('converts across daylight saving time in a zone that has it', () => {
    setOrgTimeZone('Europe/Berlin');
    expect(orgWallToIso('2026-07-01 09:00:00')).toBe('2026-07-01T07:00:00.000Z');
    expect(orgWallToIso('2026-12-01 09:00')).toBe('2026-12-01T08:00:00.000Z');
    expect(toOrgWall(new Date('2026-03-29T01:30:00Z'))).toBe('2026-03-29 03:30:00');
  });

  it('answers nothing for what is not a wall-clock time', () => {
    expect(orgWallToIso('')).toBe('');
    expect(orgWallToIso('2026-13-45')).toBe('');
  });

  it('takes "this morning" from the organisation’s calendar', () => {
    // 23:30Z on 2 Dec is 08:30 on 3 Dec in Tokyo.
    expect(orgWallToday(9, new Date('2026-12-02T23:30:00Z'))).toBe('2026-12-03 09:00:00');
  });
});
