import { Badge, Card, Group, Text } from '@mantine/core';
import { IconClock, IconUser } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import { DRILL_COLOR, DrillBadge } from '@/components/ui/drill-banner';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { formatAge, formatDateTime } from '@/lib/format';
import type { IncidentSummary } from '@/types';
import { ATTENTION_COLOR, attentionStates } from '../utils/attention';
import { AttentionBadges } from './attention-badges';

interface Props {
  incident: IncidentSummary;
  now?: Date;
  /** name the stage (the board's column says it; the executive desk's list does not) */
  showStage?: boolean;
}

export function IncidentCard({ incident, now, showStage = false }: Props) {
  const { t, i18n } = useTranslation();
  const states = attentionStates(incident);
  const edge = states[0] ? ATTENTION_COLOR[states[0]] : null;
  return (
    <Card
      component={Link}
      to={`/incidents/${incident.id}`}
      withBorder
      radius="md"
      padding="sm"
      data-testid="incident-card"
      data-incident-id={incident.id}
      data-attention={states.join(' ') || undefined}
      data-drill={incident.drillRunId ? true : undefined}
      style={{
        textDecoration: 'none',
        // the most urgent state's colour down the card's edge: seen at a glance, with the badges saying what it is
        ...(edge ? { borderLeft: `4px solid var(--mantine-color-${edge.replace('.', '-')})` } : {}),
        // a drill incident is tinted and framed in the drill colour all round, so it is never taken for a real one
        ...(incident.drillRunId
          ? {
              background: `var(--mantine-color-${DRILL_COLOR}-0)`,
              borderColor: `var(--mantine-color-${DRILL_COLOR}-6)`,
              borderWidth: 2,
            }
          : {}),
      }}
    >
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Text size="sm" fw={700} ff="monospace">
          {incident.reference}
        </Text>
        <SeverityBadge severity={incident.severity} size="sm" />
      </Group>
      <Group gap={6} mt={2} wrap="wrap">
        {incident.drillRunId && <DrillBadge size="sm" />}
        {showStage && (
          <Badge variant="outline" size="sm" radius="sm" tt="none" data-testid="incident-stage">
            {t(`stage.${incident.stage}`)}
          </Badge>
        )}
        <Text size="xs" c="dimmed">
          {t(`category.${incident.category}`)}
        </Text>
      </Group>
      <Text size="sm" mt={6} lineClamp={2}>
        {incident.summary}
      </Text>
      <AttentionBadges incident={incident} />
      <CardDeadline incident={incident} now={now} />
      {incident.pendingDecisionNeededBy && (
        <div style={{ marginTop: 6 }} data-testid="card-pending-decision">
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

/** The deadline that matters now: acknowledgement until someone acknowledges, then triage while it is open. */
function CardDeadline({ incident, now }: Props) {
  const { t } = useTranslation();
  const triageOpen = incident.stage === 'detection' || incident.stage === 'triage';
  const [dueAt, label] =
    !incident.acknowledgedAt && incident.ackDueAt
      ? [incident.ackDueAt, t('countdown.ack')]
      : triageOpen && incident.triageDueAt
        ? [incident.triageDueAt, t('countdown.triage')]
        : [null, ''];
  // A breach is one of the attention badges above.
  if (!dueAt) return null;
  return (
    <div style={{ marginTop: 6 }}>
      <CountdownBadge dueAt={dueAt} label={label} now={now} size="xs" />
    </div>
  );
}
