import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { IconGavel } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import type { DecisionSummary } from '@/types';
import { useDecisions } from '../api/get-decisions';
import { pendingByUrgency } from '../utils/desk-order';
import { DecisionCountdown, DecisionStatusBadge } from './decision-badges';

export function PendingDecisionCard({ decision, now }: { decision: DecisionSummary; now?: Date }) {
  const { t, i18n } = useTranslation();
  return (
    <Card
      component={Link}
      to={`/decisions/${decision.id}`}
      withBorder
      radius="md"
      padding="sm"
      data-testid="pending-decision"
      data-decision-id={decision.id}
      style={{ textDecoration: 'none', borderLeft: '4px solid var(--mantine-color-orange-6)' }}
    >
      <Stack gap={6}>
        <Group gap={6} wrap="wrap">
          <Text size="xs" ff="monospace" fw={700}>
            {decision.incidentReference}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`decisions.kind.${decision.kind}`)}
          </Text>
          {decision.status === 'info_asked' && <DecisionStatusBadge status={decision.status} size="sm" />}
          {decision.reach !== 'approvers' && (
            <Text size="xs" c="orange.8" fw={600}>
              {t(`decisions.reach.${decision.reach}`)}
            </Text>
          )}
        </Group>
        <Text fw={600} size="md" lineClamp={3}>
          {decision.question}
        </Text>
        <DecisionCountdown neededBy={decision.neededBy} now={now} />
        <Text size="xs" c="dimmed">
          {t('desk.askedBy', { name: decision.requestedByName ?? '', time: formatDateTime(decision.requestedAt, i18n.language) })}
        </Text>
      </Stack>
    </Card>
  );
}

/** The requests waiting for me, most urgent first. */
export function DeskPendingDecisions({ now }: { now?: Date }) {
  const { t } = useTranslation();
  const query = useDecisions({ status: 'open', awaitingMe: true });
  return (
    <Stack gap="sm" component="section" aria-labelledby="desk-pending">
      <Group gap="xs">
        <IconGavel size={20} aria-hidden />
        <Title order={2} size="h4" id="desk-pending">
          {t('desk.pendingTitle')}
        </Title>
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : pendingByUrgency(query.data.items).length === 0 ? (
        <Text c="dimmed" size="sm" data-testid="no-pending">
          {t('desk.noPending')}
        </Text>
      ) : (
        pendingByUrgency(query.data.items).map((d) => <PendingDecisionCard key={d.id} decision={d} now={now} />)
      )}
    </Stack>
  );
}
