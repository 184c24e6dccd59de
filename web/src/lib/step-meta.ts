// Grades and sources of playbook steps, shared by the badges (components/ui/step-meta.tsx) and the print views.
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

/** "003_8c09d1b49d27eae0.txt:684-705" */
export const formatSource = (source: SourceView) => `${source.file}:${source.lines}`;
