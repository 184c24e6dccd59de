import type { TFunction } from 'i18next';
import type { StepCondition } from '@/types';

const FLAGS = ['personalDataInvolved', 'dataMayBeLeaking', 'usersMayBeHarmed', 'disconnectedFromNetwork'] as const;

/** A step's condition in words ("個人情報が関係している場合"); null when the step always applies. */
export function conditionText(t: TFunction, c: StepCondition | null | undefined): string | null {
  if (!c) return null;
  const parts: string[] = [];
  for (const f of FLAGS) {
    const v = c[f];
    if (v === true || v === false) parts.push(t(`condition.${f}_${v}`));
  }
  if (c.minSeverity) parts.push(t('condition.minSeverity', { severity: t(`severity.${c.minSeverity}`) }));
  if (parts.length === 0) return null;
  return t('condition.when', { conditions: parts.join(t('condition.and')) });
}
