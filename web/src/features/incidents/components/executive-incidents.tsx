import { Anchor, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconFlame } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { useIncidents } from '../api/get-incidents';
import { seriousOpenIncidents } from '../utils/serious-incidents';
import { IncidentCard } from './incident-card';

const at = (iso: string) => new Date(iso).getTime();

/** The executive desk's second part: open incidents at high and critical severity, with stage, owner and age. */
export function SeriousIncidents({ now }: { now?: Date }) {
  const { t } = useTranslation();
  const critical = useIncidents({ severity: 'critical', pageSize: 50, sort: 'noticedAt' });
  const high = useIncidents({ severity: 'high', pageSize: 50, sort: 'noticedAt' });
  const failed = critical.isError ? critical : high.isError ? high : null;
  const items = critical.data && high.data ? seriousOpenIncidents(critical.data.items, high.data.items) : [];
  return (
    <Stack gap="sm" component="section" aria-labelledby="desk-incidents">
      <Group gap="xs">
        <IconFlame size={20} aria-hidden />
        <Title order={2} size="h4" id="desk-incidents">
          {t('desk.incidentsTitle')}
        </Title>
      </Group>
      {failed ? (
        <QueryError error={failed.error} onRetry={() => void failed.refetch()} />
      ) : !critical.data || !high.data ? (
        <PageLoader />
      ) : items.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('desk.noIncidents')}
        </Text>
      ) : (
        items.map((i) => (
          <div key={i.id} data-testid="desk-incident">
            <IncidentCard incident={i} now={now} showStage />
          </div>
        ))
      )}
    </Stack>
  );
}

/** Incidents changed since the last visit (newest first), for the desk's "since you last looked". */
export function IncidentChangesSince({ since }: { since: string | null }) {
  const { t, i18n } = useTranslation();
  const query = useIncidents({ sort: '-updatedAt', pageSize: 20 });
  if (!since || !query.data) return null;
  const changed = query.data.items.filter((i) => at(i.updatedAt) > at(since));
  if (changed.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('desk.noIncidentChanges')}
      </Text>
    );
  return (
    <List spacing={6} size="sm" listStyleType="none" data-testid="incident-changes">
      {changed.map((i) => (
        <List.Item key={i.id}>
          <Group gap={6} wrap="wrap">
            <Text size="xs" c="dimmed">
              {formatDateTime(i.updatedAt, i18n.language)}
            </Text>
            <Anchor component={Link} to={`/incidents/${i.id}`} size="sm">
              {t('desk.incidentChanged', { reference: i.reference, stage: t(`stage.${i.stage}`) })}
            </Anchor>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
