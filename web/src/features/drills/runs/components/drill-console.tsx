import { Anchor, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import { useLocalized } from '@/lib/localized';
import type { DrillDetail } from '@/types';
import { ContactCheckPanel } from './contact-check-panel';
import { DrillFormatBadge, DrillStatusBadge } from './drill-badges';
import { useNow } from '../utils/use-now';
import { DrillClock, Until } from './drill-clock';
import { DrillControls, ReleaseNextButton } from './drill-controls';
import { ExpectedActions } from './expected-actions';
import { ChannelBadge, InjectCard } from './inject-list';
import { KytPanel } from './kyt-record';
import { ObservationsPanel } from './observations';
import { PredictionsPanel } from './predictions';

/** The drill incident (DRL-…) the team works, linked. */
export function DrillIncidentLink({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  if (!drill.incidentId) return null;
  return (
    <Anchor component={Link} to={`/incidents/${drill.incidentId}`} fw={700} data-testid="drill-incident-link">
      <Group gap={4} wrap="nowrap" component="span">
        {t('drillRuns.console.incident', { reference: drill.incidentReference ?? '' })}
        <IconExternalLink size={14} aria-hidden />
      </Group>
    </Anchor>
  );
}

/** The title, status, scenario and who runs it. */
export function DrillHeader({ drill }: { drill: DrillDetail }) {
  const { t, i18n } = useTranslation();
  const l = useLocalized();
  return (
    <Stack gap={4}>
      <Group gap="xs" wrap="wrap">
        <DrillStatusBadge status={drill.status} size="lg" />
        <DrillFormatBadge format={drill.format} />
        <Text size="sm" c="dimmed">
          {t('drillRuns.console.scenarioLine', { category: t(`category.${drill.category}`), id: drill.scenarioId, version: drill.scenarioVersion })}
        </Text>
      </Group>
      <Title order={1} size="h2">
        {l(drill.title)}
      </Title>
      <Text size="sm" c="dimmed">
        {t('drillRuns.console.facilitatedBy', { name: drill.facilitatorName ?? '—' })} ・{' '}
        {drill.startedAt
          ? t('drillRuns.console.startedAt', { time: formatDateTime(drill.startedAt, i18n.language) })
          : t('drillRuns.console.plannedAt', { time: formatDateTime(drill.plannedStart, i18n.language) })}
        {drill.endedAt && ` ・ ${t('drillRuns.console.endedAt', { time: formatDateTime(drill.endedAt, i18n.language) })}`}
      </Text>
    </Stack>
  );
}

function NextInject({ drill, now }: { drill: DrillDetail; now: number }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const next = drill.nextInject;
  const live = drill.status === 'running' || drill.status === 'paused' || drill.status === 'stopped';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.console.next')} data-testid="next-inject">
      <Stack gap={6}>
        <Text size="xs" c="dimmed" fw={700} tt="uppercase">
          {t('drillRuns.console.next')}
        </Text>
        {next ? (
          <>
            <Group gap="xs" wrap="wrap">
              <Text fw={700} size="lg">
                {l(next.title)}
              </Text>
              <ChannelBadge channel={next.channel} />
            </Group>
            <Text size="sm" c="dimmed" data-testid="next-inject-when">
              {t('drillRuns.console.atMinute', { minute: next.offsetMinutes })}
              {next.dueAt ? (
                <>
                  {' ・ '}
                  <Until at={next.dueAt} now={now} />
                </>
              ) : (
                live && ` ・ ${t('drillRuns.console.waitsForResume')}`
              )}
            </Text>
          </>
        ) : (
          <Text size="sm" c="dimmed">
            {t(drill.status === 'ended' || drill.status === 'cancelled' ? 'drillRuns.console.noMoreInjects' : 'drillRuns.console.noneLeft')}
          </Text>
        )}
        {drill.you.facilitates && live && next && <ReleaseNextButton drill={drill} />}
      </Stack>
    </Paper>
  );
}

/**
 * The facilitator's console (a desktop, readable on a big screen): the clock, the controls, the next inject and
 * when, delivered injects (failed ones red), expected actions and their judging, the contact-chain results, the
 * KYT rounds and the observations. Evaluators and staff who watch see it too, without the controls.
 */
export function DrillConsole({ drill, canMark }: { drill: DrillDetail; canMark: boolean }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const now = useNow();
  const delivered = drill.injects.filter((i) => i.status !== 'pending').reverse();
  const failed = drill.injects.filter((i) => i.status === 'failed').length;
  return (
    <Stack gap="md" data-testid="drill-console">
      <Group justify="space-between" align="flex-start" wrap="wrap">
        <DrillHeader drill={drill} />
        <Group gap="sm">
          <DrillIncidentLink drill={drill} />
        </Group>
      </Group>
      <SimpleGrid cols={{ base: 1, md: 3 }} spacing="md">
        <DrillClock drill={drill} now={now} />
        <NextInject drill={drill} now={now} />
        <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.console.controls')}>
          <Stack gap="xs">
            <Text size="xs" c="dimmed" fw={700} tt="uppercase">
              {t('drillRuns.console.controls')}
            </Text>
            {drill.you.facilitates ? (
              <DrillControls drill={drill} />
            ) : (
              <Text size="sm" c="dimmed">
                {t('drillRuns.console.watching')}
              </Text>
            )}
            <Text size="sm">
              {t('drillRuns.console.participants', { count: drill.participants.length })}:{' '}
              {drill.participants.map((p) => t('drillRuns.console.participantLine', { name: p.name ?? '—', role: t(`drillRuns.role.${p.role}`), team: t(`drillRuns.team.${p.team}`) })).join(t('drillRuns.console.listSeparator'))}
            </Text>
          </Stack>
        </Paper>
      </SimpleGrid>
      {/* the chain's table needs the full width (one column per figure) */}
      {drill.format !== 'kyt' && <ContactCheckPanel drill={drill} canMark={canMark} />}
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="md">
            <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.console.situation')}>
              <Title order={2} size="h4" mb={4}>
                {t('drillRuns.console.situation')}
              </Title>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {l(drill.situation)}
              </Text>
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.console.delivered')} data-testid="delivered-injects">
              <Stack gap="sm">
                <Group justify="space-between">
                  <Title order={2} size="h4">
                    {t('drillRuns.console.delivered')} ({delivered.length}/{drill.injects.length})
                  </Title>
                  {failed > 0 && (
                    <Text c="red" fw={700} size="sm" role="status">
                      {t('drillRuns.console.failedCount', { count: failed })}
                    </Text>
                  )}
                </Group>
                {delivered.length === 0 && (
                  <Text size="sm" c="dimmed">
                    {t('drillRuns.console.noneDelivered')}
                  </Text>
                )}
                {delivered.map((i) => (
                  <InjectCard key={i.injectId} inject={i} showNotes />
                ))}
              </Stack>
            </Paper>
            <ExpectedActions drill={drill} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="md">
            <PredictionsPanel drill={drill} />
            <KytPanel drill={drill} />
            <ObservationsPanel drill={drill} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
