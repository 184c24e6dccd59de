import { Anchor, List, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ExitCriterion, Stage } from '@/types';
import { criterionFieldId, focusCriterion } from '../utils/criterion-fields';

interface Props {
  criteria: ExitCriterion[];
  stage: Stage;
  /** brings the stage's open required steps into view (the `required_steps_done` criterion) */
  onShowOpenSteps?: () => void;
}

/** The current stage's exit criteria; an unmet one links to the field (or the steps) that satisfies it. */
export function ExitChecklist({ criteria, stage, onShowOpenSteps }: Props) {
  const { t, i18n } = useTranslation();
  if (criteria.length === 0) return null;
  const met = criteria.filter((c) => c.met).length;
  return (
    <section aria-labelledby="exit-checklist-title">
      <Title order={3} size="h5" id="exit-checklist-title">
        {t('incident.exitChecklist', { stage: t(`stage.${stage}`) })}{' '}
        <Text span c="dimmed" size="sm">
          ({met}/{criteria.length})
        </Text>
      </Title>
      <List spacing={6} mt="xs" size="sm" center data-testid="exit-checklist">
        {criteria.map((c) => (
          <List.Item
            key={c.code}
            data-met={c.met}
            icon={
              <ThemeIcon color={c.met ? 'teal' : 'gray'} variant={c.met ? 'filled' : 'light'} size={20} radius="xl">
                {c.met ? <IconCheck size={14} aria-hidden /> : <IconCircleDashed size={14} aria-hidden />}
              </ThemeIcon>
            }
          >
            {!c.met && (criterionFieldId(c.code) || (c.code === 'required_steps_done' && onShowOpenSteps)) ? (
              <Anchor
                component="button"
                type="button"
                size="sm"
                ta="left"
                onClick={() => (c.code === 'required_steps_done' ? onShowOpenSteps?.() : focusCriterion(c.code))}
              >
                {i18n.exists(`rule.${c.code}`) ? t(`rule.${c.code}`) : c.code}
              </Anchor>
            ) : (
              <Text span size="sm" c={c.met ? undefined : 'dark'}>
                {i18n.exists(`rule.${c.code}`) ? t(`rule.${c.code}`) : c.code}
              </Text>
            )}
            <Text span size="xs" c="dimmed">
              {' '}
              — {c.met ? t('incident.criterionMet') : t('incident.criterionUnmet')}
            </Text>
          </List.Item>
        ))}
      </List>
    </section>
  );
}
