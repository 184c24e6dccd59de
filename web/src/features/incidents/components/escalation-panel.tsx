import { Badge, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import type { DeliveryView } from '@/types';
import { useEscalation } from '../api/get-escalation';

const deliveryColor = (s: string) => (s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'yellow');

export function DeliveryStatusBadge({ status }: { status: string }) {
  const { t, i18n } = useTranslation();
  const key = `escalation.deliveryStatus.${status}`;
  return (
    <Badge size="sm" variant="light" color={deliveryColor(status)} data-status={status}>
      {i18n.exists(key) ? t(key) : status}
    </Badge>
  );
}

function DeliveryRow({ d }: { d: DeliveryView }) {
  const { t, i18n } = useTranslation();
  return (
    <Table.Tr data-testid="delivery-row">
      <Table.Td>
        <Text size="sm">{d.recipientName}</Text>
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {t(`escalation.channel.${d.channel}`)} · {d.address}
        </Text>
        {d.lastError && (
          <Text size="xs" c="red" style={{ wordBreak: 'break-word' }}>
            {d.lastError}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Stack gap={2}>
          <DeliveryStatusBadge status={d.status} />
          <Text size="xs" c="dimmed">
            {formatDateTime(d.sentAt ?? d.queuedAt, i18n.language)}
          </Text>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

/** Deadlines with live countdowns and the notification log of one incident (staff only). */
export function EscalationPanel({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const query = useEscalation(incidentId);
  // not staff, or a server without escalation: nothing to show
  if (query.isError && isApiError(query.error) && (query.error.status === 403 || query.error.status === 404)) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="escalation-title">
      <Group justify="space-between" mb="sm" gap="xs">
        <Title order={2} size="h4" id="escalation-title">
          {t('escalation.title')}
        </Title>
        {query.data && query.data.level > 0 && (
          <Badge variant="light" color="orange">
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
                        {t(`escalation.kind.${d.kind}`)}
                        {d.stage && d.kind === 'reminder' ? t('escalation.stageSuffix', { stage: t(`stage.${d.stage}`) }) : ''}
                      </Text>
                      <Badge size="xs" variant="outline" color={d.status === 'open' ? 'blue' : d.status === 'fired' ? 'red' : 'gray'}>
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
              <Table verticalSpacing={4} aria-label={t('escalation.log')}>
                <Table.Tbody>
                  {query.data.deliveries.map((d) => (
                    <DeliveryRow key={d.notificationId} d={d} />
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </div>
        </Stack>
      )}
    </Paper>
  );
}
