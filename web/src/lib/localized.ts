import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '@/types';

/** The text in the UI language (Japanese is the fallback: every playbook text has both). */
export function pickText(text: LocalizedText | null | undefined, lang: string): string {
  if (!text) return '';
  return (lang === 'en' ? text.en : text.ja) || text.ja || text.en || '';
}

/** `l(text)` = the text in the current UI language. */
export function useLocalized() {
  const { i18n } = useTranslation();
  return (text: LocalizedText | null | undefined) => pickText(text, i18n.language);
}

/** First characters of a SHA-256 content hash, enough to tell versions apart on screen and paper. */
export const shortHash = (hash: string) => hash.slice(0, 8);
