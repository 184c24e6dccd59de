import type { TFunction } from 'i18next';

/** 42 s; 3 min 5 s (a time to acknowledge). */
export function formatDuration(t: TFunction, seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  const whole = Math.round(seconds);
  if (whole < 60) return t('contactCheck.seconds', { value: whole });
  return t('contactCheck.minutes', { m: Math.floor(whole / 60), s: whole % 60 });
}
