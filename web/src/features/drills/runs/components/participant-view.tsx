import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocalized } from '@/lib/localized';
import type { DrillDetail } from '@/types';
import { DrillHeader, DrillIncidentLink } from './drill-console';
import { InjectCard } from './inject-list';
import { KytSummary } from './kyt-record';
import { PredictionForm, PredictionList, RevealCard } from './predictions';

/**
 * A participant's view (a player on a phone): the situation, the injects delivered to the screen, their predictions
 * (up to three, before the reveal), then the reveal and the team's 2R-4R.
 */
export function ParticipantView({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const team = drill.you.team;
  // what reaches a player's screen: screen and paper injects for everyone or their team (role-play is spoken, mail is in their inbox)
  const shown = drill.injects
    .filter((i) => i.status !== 'pending' && (i.channel === 'screen' || i.channel === 'paper') && (i.audience === 'all' || i.audience === team))
    .reverse();
  const revealed = !!drill.revealedAt;
  const canPredict = !revealed && (drill.status === 'running' || drill.status === 'paused') && drill.you.role != null;
  return (
    <Stack gap="md" data-testid="participant-view">
      <DrillHeader drill={drill} />
      {drill.you.role && (
        <Text size="sm" data-testid="participant-role">
          {t('drillRuns.participant.you', { role: t(`drillRuns.role.${drill.you.role}`), team: t(`drillRuns.team.${drill.you.team ?? 'all'}`) })}
        </Text>
      )}
      {drill.status === 'stopped' && (
        <Alert color="red" variant="filled" title={t('drillRuns.participant.stoppedTitle')} role="alert">
          {t('drillRuns.participant.stopped')}
        </Alert>
      )}
      {drill.status === 'scheduled' && (
        <Alert color="blue" variant="light">
          {t('drillRuns.participant.notStarted')}
        </Alert>
      )}
      <DrillIncidentLink drill={drill} />
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.console.situation')} data-testid="participant-situation">
        <Title order={2} size="h4" mb={4}>
          {t('drillRuns.console.situation')}
        </Title>
        <Text style={{ whiteSpace: 'pre-wrap' }}>{l(drill.situation)}</Text>
      </Paper>
      {shown.length > 0 && (
        <Stack gap="sm" component="section" aria-label={t('drillRuns.participant.injects')} data-testid="participant-injects">
          <Title order={2} size="h4">
            {t('drillRuns.participant.injects')}
          </Title>
          {shown.map((i) => (
            <InjectCard key={i.injectId} inject={i} showNotes={false} />
          ))}
        </Stack>
      )}
      <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.kyt.predictTitle')} data-testid="participant-predictions">
        <Stack gap="sm">
          <Title order={2} size="h4">
            {revealed ? t('drillRuns.kyt.teamPredictions') : t('drillRuns.kyt.predictTitle')}
          </Title>
          {!revealed && (
            <Text size="sm" c="dimmed">
              {t('drillRuns.kyt.predictHelp')}
            </Text>
          )}
          <PredictionList drill={drill} />
          {canPredict && drill.you.predictionsLeft > 0 && <PredictionForm drill={drill} />}
          {canPredict && drill.you.predictionsLeft <= 0 && (
            <Text size="sm" c="dimmed" data-testid="predictions-done">
              {t('drillRuns.kyt.allEntered')}
            </Text>
          )}
        </Stack>
      </Paper>
      {revealed && <RevealCard drill={drill} />}
      {revealed && (
        <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.kyt.recordTitle')}>
          <Title order={2} size="h4" mb="xs">
            {t('drillRuns.kyt.recordTitle')}
          </Title>
          <KytSummary drill={drill} />
        </Paper>
      )}
    </Stack>
  );
}
