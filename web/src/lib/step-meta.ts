// Grades and sources of playbook steps, shared by the badges (components/ui/step-meta.tsx) and the print views.
import type { TFunction } from 'i18next';
import { pickText } from '@/lib/localized';
import type { SourceView, StepGrade } from '@/types';

/** Seed grades that make a required step an obligation (only an Executive can waive it). */
export const STRONG_GRADES: readonly StepGrade[] = ['基本', '必須', 'SHALL'];

const GRADE_KEY: Record<StepGrade, string> = {
  基本: 'basic',
  推奨: 'recommended',
  必須: 'mandatory',
  SHALL: 'shall',
  SHOULD: 'should',
  MAY: 'may',
  規程例: 'sampleRule',
  guidance: 'guidance',
};

export const gradeLabelKey = (grade: StepGrade) => `playbook.grade.${GRADE_KEY[grade]}`;

/** "003_8c09d1b49d27eae0.txt:684-705": where exactly, for admins checking a playbook against its seed. */
export const formatSource = (source: SourceView) => `${source.file}:${source.lines}`;

/**
 * What readers see of a citation: the document and the section its lines fall in, in their language
 * (総務省「テレワークセキュリティガイドライン 第4版」 3.(イ) …). A seed the sources list does not know falls back to
 * its file and lines.
 */
export function formatCitation(t: TFunction, source: SourceView, lang: string): string {
  const title = pickText(source.title, lang);
  if (!title) return formatSource(source);
  const publisher = pickText(source.publisher, lang);
  const document = publisher ? t('playbook.citation', { publisher, title }) : t('playbook.citationTitleOnly', { title });
  const section = pickText(source.section, lang);
  return section ? t('playbook.citationSection', { document, section }) : document;
}
