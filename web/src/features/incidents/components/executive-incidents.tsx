import { Anchor, Badge, Card, Group, List, Stack, Text, Title } from '@mantine/core';
import { IconClock, IconFlame, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { formatAge, formatDateTime } from '@/lib/format';
import type { IncidentSummary } from '@/types';
import { useIncidents } from '../api/get-incidents';
import { seriousOpenIncidents } from '../utils/serious-incidents';

const at = (iso: string) => new Date(iso).getTime();

function SeriousIncidentRow({ incident, now }: { incident: IncidentSummary; now?: Date }) {
  const { t, i18n } = useTranslation();
  return (
    <Card component={Link} to={`/incidents/${incident.id}`} withBorder radius="md" padding="sm" style={{ textDecoration: 'none' }} data-testid="desk-incident">
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={700} ff="monospace">
          {incident.reference}
        </Text>
        <SeverityBadge severity={incident.severity} size="sm" />
      </Group>
      <Text size="sm" mt={4} lineClamp={2}>
        {incident.summary}
      </Text>
      <Group gap={6} mt={6} wrap="wrap">
        <Badge variant="outline" size="sm" radius="sm" tt="none">
          {t(`stage.${incident.stage}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {t(`category.${incident.category}`)}
        </Text>
      </Group>
      {incident.pendingDecisionNeededBy && (
        <div style={{ marginTop: 6 }}>
          <CountdownBadge dueAt={incident.pendingDecisionNeededBy} label={t('countdown.decision')} now={now} size="xs" />
        </div>
      )}
      <Group justify="space-between" mt="xs" wrap="nowrap" gap="xs">
        <Group gap={4} wrap="nowrap" style={{ minWidth: 0 }}>
          <IconUser size={14} aria-hidden />
          <Text size="xs" c={incident.ownerName ? undefined : 'dimmed'} truncate>
            {incident.ownerName ?? t('board.unassigned')}
          </Text>
        </Group>
        <Group gap={4} wrap="nowrap" title={formatDateTime(incident.noticedAt, i18n.language)}>
          <IconClock size={14} aria-hidden />
          <Text size="xs" data-testid="incident-age">
            {formatAge(t, incident.noticedAt, now)}
          </Text>
        </Group>
      </Group>
    </Card>
  );
}

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
        items.map((i) => <SeriousIncidentRow key={i.id} incident={i} now={now} />)
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
