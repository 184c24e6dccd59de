import { Badge, Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import type { DeliveryView, IncidentEscalationView } from '@/types';
import { useEscalation } from '../api/get-escalation';
import { incidentKeys } from '../api/incident-keys';
import { deliveryState } from '../utils/delivery-state';

const deliveryColor = (s: string) =>
  s === 'sent' ? 'green' : s === 'written' ? 'orange' : s === 'failed' ? 'red' : s === 'simulated' ? 'grape' : 'yellow';

export function DeliveryStatusBadge({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `escalation.deliveryStatus.${status}`;
  return (
    <Badge size="sm" variant="light" color={deliveryColor(status)} data-status={status} style={{ textTransform: 'none', flexShrink: 0 }}>
      {i18n.exists(key) ? t(key) : status}
    </Badge>
  );
}

/** One message of the log: to whom, by which channel, what (its subject), its status and when. */
function DeliveryRow({ d, first }: { d: DeliveryView; first: boolean }) {
  const { t, i18n } = useTranslation();
  const state = deliveryState(d);
  const when =
    d.status === 'sent' && d.sentAt
      ? t(state === 'written' ? 'escalation.writtenAt' : 'escalation.sentAt', { at: formatDateTime(d.sentAt, i18n.language) })
      : t('escalation.queuedAt', { at: formatDateTime(d.queuedAt, i18n.language) });
  return (
    <Box
      component="li"
      data-testid="delivery-row"
      py={8}
      style={{ borderTop: first ? undefined : '1px solid var(--mantine-color-gray-3)', listStyle: 'none' }}
    >
      <Group justify="space-between" wrap="nowrap" align="flex-start" gap="xs">
        <Text size="sm" fw={600} style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {d.recipientName}
        </Text>
        <DeliveryStatusBadge status={state} />
      </Group>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t(`escalation.channel.${d.channel}`)} · {d.address}
      </Text>
      <Text size="xs" lineClamp={2} title={d.subject}>
        {d.subject}
      </Text>
      <Text size="xs" c="dimmed">
        {when}
        {d.status !== 'sent' && d.attempts > 0 ? ` · ${t('escalation.attempts', { n: d.attempts })}` : ''}
      </Text>
      {d.lastError && (
        <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
          {t('escalation.error', { error: d.lastError })}
        </Text>
      )}
    </Box>
  );
}

/**
 * The deadline that matters now, for the incident's header: acknowledgement until someone acknowledges, then
 * triage; with the SLA-breach marker. Nothing for people who cannot see the escalation (reporters).
 */
export function CurrentDeadline({ incidentId, acknowledged }: { incidentId: string; acknowledged: boolean }) {
  const { t } = useTranslation();
  const query = useEscalation(incidentId);
  if (!query.data) return null;
  const open = query.data.deadlines.filter((d) => d.status === 'open');
  const current = (!acknowledged ? open.find((d) => d.kind === 'acknowledge') : undefined) ?? open.find((d) => d.kind === 'triage');
  if (current) {
    return (
      <CountdownBadge
        dueAt={current.dueAt}
        label={t(current.kind === 'acknowledge' ? 'countdown.ack' : 'countdown.triage')}
        breached={query.data.breached}
        size="md"
      />
    );
  }
  return query.data.breached ? (
    <Badge size="md" color="red" variant="outline" leftSection={<IconAlertTriangle size={12} aria-hidden />} style={{ textTransform: 'none' }} data-testid="breach-marker">
      {t('countdown.breached')}
    </Badge>
  ) : null;
}

/**
 * A timer that fired or a mail that went out (or an acknowledgement from a mail link) also shows in the
 * timeline and may have changed the incident: refetch both when the polled escalation view changes.
 * Query data keeps its identity while the content is unchanged (structural sharing), so this runs only
 * on a real change.
 */
function useFollowEscalation(incidentId: string, data: IncidentEscalationView | undefined) {
  const qc = useQueryClient();
  const seen = useRef<IncidentEscalationView | undefined>(undefined);
  useEffect(() => {
    if (!data) return;
    const previous = seen.current;
    seen.current = data;
    if (!previous || previous === data) return;
    void qc.invalidateQueries({ queryKey: incidentKeys.timeline(incidentId) });
    void qc.invalidateQueries({ queryKey: incidentKeys.detail(incidentId), exact: true });
  }, [qc, incidentId, data]);
}

/** Deadlines with live countdowns and the notification log of one incident (staff only). */
export function EscalationPanel({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const query = useEscalation(incidentId);
  useFollowEscalation(incidentId, query.data);
  // not staff, or a server without escalation: nothing to show
  if (query.isError && isApiError(query.error) && (query.error.status === 403 || query.error.status === 404)) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="escalation-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="escalation-title">
          {t('escalation.title')}
        </Title>
        {query.data && query.data.level > 0 && (
          <Badge variant="light" color="orange" style={{ textTransform: 'none' }}>
            {t('escalation.level', { level: query.data.level })}
          </Badge>
        )}
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Stack gap="md">
          {query.data.breached && (
            <Group gap={4} c="red">
              <IconAlertTriangle size={16} aria-hidden />
              <Text size="sm" fw={700}>
                {t('escalation.breached')}
              </Text>
            </Group>
          )}
          <div>
            <Text size="sm" fw={600} mb={4}>
              {t('escalation.deadlines')}
            </Text>
            {query.data.deadlines.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('escalation.noDeadlines')}
              </Text>
            ) : (
              <Stack gap={6}>
                {query.data.deadlines.map((d, i) => (
                  <div key={`${d.kind}-${d.dueAt}-${i}`} data-testid="deadline" data-kind={d.kind} data-status={d.status}>
                    <Group gap={6} justify="space-between" wrap="nowrap">
                      <Text size="sm">
                        {t(`escalation.kind.${d.kind === 'briefing' && d.level === 1 ? 'briefingLate' : d.kind}`)}
                        {d.stage && d.kind === 'reminder' ? t('escalation.stageSuffix', { stage: t(`stage.${d.stage}`) }) : ''}
                        {d.kind === 'acknowledge' ? t('escalation.contactSuffix', { n: d.level + 1 }) : ''}
                      </Text>
                      <Badge
                        size="xs"
                        variant="outline"
                        color={d.status === 'open' ? 'blue' : d.status === 'fired' ? 'red' : 'gray'}
                        style={{ textTransform: 'none', flexShrink: 0 }}
                      >
                        {i18n.exists(`escalation.deadlineStatus.${d.status}`) ? t(`escalation.deadlineStatus.${d.status}`) : d.status}
                      </Badge>
                    </Group>
                    {d.status === 'open' ? (
                      <CountdownBadge dueAt={d.dueAt} />
                    ) : (
                      <Text size="xs" c="dimmed">
                        {t('escalation.dueAt', { at: formatDateTime(d.dueAt, i18n.language) })}
                      </Text>
                    )}
                  </div>
                ))}
              </Stack>
            )}
          </div>
          <div>
            <Text size="sm" fw={600} mb={4}>
              {t('escalation.log')}
            </Text>
            {query.data.deliveries.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('escalation.noDeliveries')}
              </Text>
            ) : (
              <Box component="ul" aria-label={t('escalation.log')} p={0} m={0}>
                {query.data.deliveries.map((d, i) => (
                  <DeliveryRow key={d.notificationId} d={d} first={i === 0} />
                ))}
              </Box>
            )}
          </div>
        </Stack>
      )}
    </Paper>
  );
}
