import { Paper, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DrillDetail } from '@/types';
import { formatScenarioClock, formatUntil, scenarioMinutesAt } from '../utils/drill-clock';

/** Scenario time, large, for the big screen; the time scale and whether the clock stands still. */
export function DrillClock({ drill, now }: { drill: DrillDetail; now: number }) {
  const { t } = useTranslation();
  const halted = drill.status !== 'running';
  return (
    <Paper withBorder p="md" radius="md" data-testid="drill-clock" aria-label={t('drillRuns.console.clock')} component="section">
      <Stack gap={2} align="center">
        <Text size="xs" c="dimmed" fw={700} tt="uppercase">
          {t('drillRuns.console.clock')}
        </Text>
        <Text ff="monospace" fw={800} fz={48} lh={1.1} c={halted ? 'dimmed' : 'dark'} data-testid="drill-clock-value">
          {formatScenarioClock(scenarioMinutesAt(drill, now))}
        </Text>
        <Text size="sm" c="dimmed">
          {t('drillRuns.console.timeScale', { n: drill.timeScale })}
          {halted && drill.status !== 'scheduled' && ` ・ ${t(`drillRuns.console.halted.${drill.status}`)}`}
        </Text>
      </Stack>
    </Paper>
  );
}

/** "in 3:05" until an instant, ticking. */
export function Until({ at, now }: { at: string; now: number }) {
  const { t } = useTranslation();
  return <>{t('drillRuns.console.inTime', { time: formatUntil(at, now) })}</>;
}
