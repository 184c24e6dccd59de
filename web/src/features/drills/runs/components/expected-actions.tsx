import { Badge, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { formatDateTime } from '@/lib/format';
import { useLocalized } from '@/lib/localized';
import type { DrillDetail, RunActionView } from '@/types';
import { useJudgeAction } from '../api/drill-command';

const STATUS_COLOR: Record<string, string> = { met: 'green', missed: 'red', pending: 'gray' };

function ActionRow({ drill, action, canJudge }: { drill: DrillDetail; action: RunActionView; canJudge: boolean }) {
  const { t, i18n } = useTranslation();
  const l = useLocalized();
  const judge = useJudgeAction();
  const delivered = drill.injects.some((i) => i.injectId === action.injectId && i.status !== 'pending');
  const status = action.status in STATUS_COLOR ? action.status : 'pending';
  const send = (result: 'met' | 'missed') => judge.mutate({ id: drill.id, body: { actionId: action.actionId, result, note: null } });
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="expected-action" data-action-id={action.actionId} data-status={status}>
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
          <Stack gap={2} style={{ minWidth: 0 }}>
            <Text size="sm" fw={600}>
              {l(action.text)}
            </Text>
            <Text size="xs" c="dimmed">
              {t(`drillRuns.team.${action.who}`)} ・ {t('drillRuns.actions.weight', { n: action.weight })}
              {action.timeLimitMinutes != null && ` ・ ${t('drillRuns.actions.limit', { minutes: action.timeLimitMinutes })}`}
              {action.signal ? ` ・ ${t('drillRuns.actions.automatic', { signal: t(`drillRuns.signal.${action.signal}`) })}` : ` ・ ${t('drillRuns.actions.byJudge')}`}
            </Text>
          </Stack>
          <Badge color={STATUS_COLOR[status]} variant={status === 'pending' ? 'outline' : 'filled'} radius="sm" tt="none" style={{ flexShrink: 0 }}>
            {t(`drillRuns.actions.status.${status}`)}
          </Badge>
        </Group>
        {action.judgedAt && (
          <Text size="xs" c="dimmed" data-testid="action-judged">
            {action.automatic
              ? t('drillRuns.actions.judgedAuto', { time: formatDateTime(action.judgedAt, i18n.language) })
              : t('drillRuns.actions.judgedBy', { name: action.judgedByName ?? '—', time: formatDateTime(action.judgedAt, i18n.language) })}
            {action.minutesAfterInject != null && ` ・ ${t('drillRuns.actions.minutesAfter', { minutes: action.minutesAfterInject })}`}
          </Text>
        )}
        {action.note && (
          <Text size="xs" style={{ whiteSpace: 'pre-wrap' }}>
            {action.note}
          </Text>
        )}
        {canJudge && delivered && (
          <Group gap="xs">
            <Button size="compact-xs" color="green" variant={status === 'met' ? 'filled' : 'light'} leftSection={<IconCheck size={12} aria-hidden />} onClick={() => send('met')} loading={judge.isPending && judge.variables?.body.result === 'met'}>
              {t('drillRuns.actions.markMet')}
            </Button>
            <Button size="compact-xs" color="red" variant={status === 'missed' ? 'filled' : 'light'} leftSection={<IconX size={12} aria-hidden />} onClick={() => send('missed')} loading={judge.isPending && judge.variables?.body.result === 'missed'}>
              {t('drillRuns.actions.markMissed')}
            </Button>
          </Group>
        )}
        <ProblemAlert error={judge.error} />
      </Stack>
    </Paper>
  );
}

/** The expected actions with their status, grouped by the inject they answer; judges mark them met or missed. */
export function ExpectedActions({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const canJudge = drill.you.evaluates && drill.status !== 'scheduled' && drill.status !== 'cancelled';
  const injects = drill.injects.filter((i) => drill.expectedActions.some((a) => a.injectId === i.injectId));
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.actions.heading')} data-testid="expected-actions">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('drillRuns.actions.heading')}
          </Title>
          <Text size="sm" fw={700} data-testid="drill-score">
            {t('drillRuns.actions.score', { met: drill.score.met, total: drill.score.total, percent: drill.score.percent ?? 0 })}
          </Text>
        </Group>
        {injects.map((inject) => (
          <Stack key={inject.injectId} gap={4}>
            <Text size="xs" fw={700} c={inject.status === 'pending' ? 'dimmed' : undefined}>
              {t('drillRuns.console.atMinute', { minute: inject.offsetMinutes })} {l(inject.title)}
              {inject.status === 'pending' && ` ・ ${t('drillRuns.actions.notYet')}`}
            </Text>
            {drill.expectedActions
              .filter((a) => a.injectId === inject.injectId)
              .map((a) => (
                <ActionRow key={a.actionId} drill={drill} action={a} canJudge={canJudge} />
              ))}
          </Stack>
        ))}
      </Stack>
    </Paper>
  );
}
