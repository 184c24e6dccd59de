import { Stepper } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useTranslation } from 'react-i18next';
import { STAGES, type Stage } from '@/types';

export function StageStepper({ stage }: { stage: Stage }) {
  const { t } = useTranslation();
  const isPhone = useMediaQuery('(max-width: 48em)') ?? false;
  const idx = STAGES.indexOf(stage);
  // closed: every step done
  const active = stage === 'closed' ? STAGES.length : idx;
  return (
    <nav aria-label={t('incident.stageProgress')}>
      <Stepper
        active={active}
        size="xs"
        orientation={isPhone ? 'vertical' : 'horizontal'}
        allowNextStepsSelect={false}
        iconSize={24}
      >
        {STAGES.map((s, i) => (
          <Stepper.Step
            key={s}
            label={t(`stage.${s}`)}
            aria-current={i === idx ? 'step' : undefined}
            allowStepSelect={false}
          />
        ))}
      </Stepper>
    </nav>
  );
}
