import type { TFunction } from 'i18next';
import { formatDateTime } from '@/lib/format';
import type { DecisionSummary } from '@/types';

/** One CSV field (RFC 4180): quoted when it holds a comma, a quote or a line break; quotes doubled. */
export function csvField(value: string | number | boolean | null | undefined): string {
  const s = value === null || value === undefined ? '' : String(value);
  // A leading =, +, - or @ would run as a formula in Excel: prefix it so the text stays text.
  const safe = /^[=+\-@]/.test(s) ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The decision log as CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads Japanese as mojibake),
 * CRLF line ends, headings and values in the user's language, times in the organisation's zone.
 */
export function decisionsCsv(items: readonly DecisionSummary[], t: TFunction, lang: string): string {
  const header = [
    'requestedAt',
    'reference',
    'kind',
    'question',
    'status',
    'neededBy',
    'requestedBy',
    'option',
    'decidedBy',
    'decidedAt',
    'disagreement',
    'superseded',
  ].map((c) => t(`decisions.csv.${c}`));
  const rows = items.map((d) => [
    formatDateTime(d.requestedAt, lang),
    d.incidentReference,
    t(`decisions.kind.${d.kind}`),
    d.question,
    t(`decisions.status.${d.status}`),
    formatDateTime(d.neededBy, lang),
    d.requestedByName ?? '',
    d.optionLabel ?? '',
    d.decidedByName ?? '',
    d.decidedAt ? formatDateTime(d.decidedAt, lang) : '',
    d.disagreement ? t('common.yes') : '',
    d.superseded > 0 ? d.superseded : '',
  ]);
  return '\uFEFF' + [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}

/** Saves text as a file through a temporary link (the browser's download). */
export function downloadText(text: string, fileName: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
