import { Alert, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@/lib/format';
import { useLocalized } from '@/lib/localized';
import type { RunInjectView } from '@/types';

const CHANNEL_COLOR: Record<RunInjectView['channel'], string> = { screen: 'indigo', mail: 'teal', 'role-play': 'orange', paper: 'gray' };

export function ChannelBadge({ channel }: { channel: RunInjectView['channel'] }) {
  const { t } = useTranslation();
  return (
    <Badge size="sm" radius="sm" variant="light" color={CHANNEL_COLOR[channel]} tt="none">
      {t(`drillRuns.channel.${channel}`)}
    </Badge>
  );
}

/**
 * One inject as delivered: when (scenario minute, real time, by hand or on time), its text and, for the facilitator,
 * the notes; a failed delivery is red at once, with every reason.
 */
export function InjectCard({ inject, showNotes }: { inject: RunInjectView; showNotes: boolean }) {
  const { t, i18n } = useTranslation();
  const l = useLocalized();
  const failed = inject.status === 'failed';
  return (
    <Paper
      withBorder
      p="sm"
      radius="sm"
      data-testid="drill-inject"
      data-inject-id={inject.injectId}
      data-status={inject.status}
      style={failed ? { borderColor: 'var(--mantine-color-red-6)', borderWidth: 2, background: 'var(--mantine-color-red-0)' } : undefined}
    >
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap" justify="space-between">
          <Group gap="xs" wrap="wrap">
            <Text fw={700}>{l(inject.title)}</Text>
            <ChannelBadge channel={inject.channel} />
            <Text size="xs" c="dimmed">
              {t(`drillRuns.team.${inject.audience}`)}
            </Text>
          </Group>
          <Text size="xs" c="dimmed">
            {inject.scenarioMinute != null && t('drillRuns.console.atMinute', { minute: inject.scenarioMinute })}
            {inject.deliveredAt && ` ・ ${formatDateTime(inject.deliveredAt, i18n.language)}`}
            {inject.manual && ` ・ ${t('drillRuns.console.byHand')}`}
          </Text>
        </Group>
        {inject.content && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {l(inject.content)}
          </Text>
        )}
        {showNotes && inject.facilitatorNotes && (
          <Text size="xs" c="orange.9" style={{ whiteSpace: 'pre-wrap' }}>
            {t('drillRuns.console.notes')}: {l(inject.facilitatorNotes)}
          </Text>
        )}
        {inject.outsideParties > 0 && (
          <Text size="xs" c="dimmed">
            {t('drillRuns.console.outsideParties', { count: inject.outsideParties })}
          </Text>
        )}
        {failed && (
          <Alert color="red" variant="filled" p="xs" icon={<IconAlertTriangle size={16} aria-hidden />} title={t('drillRuns.console.injectFailed')} role="alert" data-testid="inject-failure">
            <Stack gap={2}>
              {inject.failures.map((f, i) => (
                <Text key={i} size="xs">
                  {formatDateTime(f.at, i18n.language)}: {f.reason}
                </Text>
              ))}
            </Stack>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}
