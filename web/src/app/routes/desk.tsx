import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader } from '@/components/ui/page-state';
import { DecisionChangesSince } from '@/features/decisions/components/desk-changes';
import { DeskPendingDecisions } from '@/features/decisions/components/desk-pending';
import { DeskBriefings } from '@/features/incidents/components/desk-briefings';
import { IncidentChangesSince, SeriousIncidents } from '@/features/incidents/components/executive-incidents';
import { formatDateTime } from '@/lib/format';
import { useLastVisit } from '@/lib/last-visit';
import { useMe } from '@/lib/auth';

/** An Executive's home, phone first: decisions waiting for me, serious open incidents, what changed since I last looked. */
export function DeskRoute() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const since = useLastVisit('desk', me.data?.id ?? '');
  if (!me.data) return <PageLoader />;
  return (
    <Stack gap="lg" maw={760} mx="auto">
      <Title order={1} size="h2">
        {t('desk.title')}
      </Title>
      <DeskPendingDecisions />
      <SeriousIncidents />
      <DeskBriefings />
      <Paper withBorder p="sm" radius="md" component="section" aria-labelledby="desk-changes">
        <Stack gap="xs">
          <Title order={2} size="h4" id="desk-changes">
            {t('desk.changesTitle')}
          </Title>
          <Text size="xs" c="dimmed">
            {since ? t('desk.since', { time: formatDateTime(since, i18n.language) }) : t('desk.firstVisit')}
          </Text>
          <DecisionChangesSince since={since} />
          <IncidentChangesSince since={since} />
        </Stack>
      </Paper>
    </Stack>
  );
}
