import { Alert, Badge, Card, Group, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { DELIVERY_STATUSES, type DeliveryView } from '@/types';
import { useDeliveries } from '../api/get-deliveries';
import { useMailSettings } from '../api/get-mail-settings';

const color = (s: string) => (s === 'sent' ? 'green' : s === 'failed' ? 'red' : s === 'simulated' ? 'grape' : 'yellow');

/**
 * A mail written to the pickup folder says so rather than "sent" (its transport; rows delivered before the transport
 * was kept have none, and for those the server's present mode is the best guess).
 */
function StatusBadge({ d }: { d: DeliveryView }) {
  const { t, i18n } = useTranslation();
  const mail = useMailSettings();
  const status = d.status;
  const written = d.transport ? d.transport === 'pickup_folder' : d.channel === 'email' && mail.data?.mode === 'pickup';
  const text =
    status === 'sent' && written
      ? t('deliveries.writtenToFile')
      : i18n.exists(`escalation.deliveryStatus.${status}`)
        ? t(`escalation.deliveryStatus.${status}`)
        : status;
  return (
    <Badge size="sm" variant="light" color={color(status)} style={{ textTransform: 'none', flexShrink: 0 }}>
      {text}
    </Badge>
  );
}

function Reference({ d }: { d: DeliveryView }) {
  return (
    <Text component={Link} to={`/incidents/${d.incidentId}`} size="sm" ff="monospace" c="indigo.7" style={{ whiteSpace: 'nowrap' }}>
      {d.reference ?? d.incidentId.slice(0, 8)}
    </Text>
  );
}

/** When: queued, then sent or the next attempt. */
function Times({ d }: { d: DeliveryView }) {
  const { t, i18n } = useTranslation();
  return (
    <>
      <Text size="xs">
        {t('deliveries.queuedAt')} {formatDateTime(d.queuedAt, i18n.language)}
      </Text>
      {d.sentAt ? (
        <Text size="xs" c="dimmed">
          {t('deliveries.sentAt')} {formatDateTime(d.sentAt, i18n.language)}
        </Text>
      ) : d.status === 'pending' ? (
        <Text size="xs" c="dimmed">
          {t('deliveries.nextAttemptAt')} {formatDateTime(d.nextAttemptAt, i18n.language)}
        </Text>
      ) : null}
    </>
  );
}

/** On a phone: one card per message instead of a wide table. */
function DeliveryCard({ d }: { d: DeliveryView }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" component="li" data-status={d.status} style={{ listStyle: 'none' }}>
      <Group justify="space-between" wrap="nowrap" gap="xs">
        <Reference d={d} />
        <StatusBadge d={d} />
      </Group>
      <Text size="sm" fw={600} mt={4}>
        {d.recipientName}
      </Text>
      <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
        {t(`escalation.channel.${d.channel}`)} · {d.address}
      </Text>
      <Text size="sm" mt={4} lineClamp={2}>
        {d.subject}
      </Text>
      <Stack gap={0} mt={4}>
        <Times d={d} />
        {d.status !== 'sent' && (
          <Text size="xs" c="dimmed">
            {t('escalation.attempts', { n: d.attempts })}
          </Text>
        )}
      </Stack>
      {d.lastError && (
        <Text size="xs" c="red" mt={4} style={{ overflowWrap: 'anywhere' }}>
          {t('escalation.error', { error: d.lastError })}
        </Text>
      )}
    </Card>
  );
}

export function MailBanner() {
  const { t } = useTranslation();
  const mail = useMailSettings();
  if (!mail.data) return null;
  const m = mail.data;
  return (
    <Alert
      color={m.mode === 'pickup' ? 'orange' : 'blue'}
      icon={m.mode === 'pickup' ? <IconInfoCircle size={18} /> : <IconMailForward size={18} />}
      data-testid="mail-banner"
      data-mode={m.mode}
    >
      <Text size="sm" style={{ wordBreak: 'break-all' }}>
        {m.mode === 'pickup' ? t('deliveries.pickup', { folder: m.target }) : t('deliveries.smtp', { target: m.target })}
      </Text>
      <Text size="xs" c={m.webhooksSigned ? 'dimmed' : 'orange.9'} data-testid="webhook-note">
        {m.webhooksSigned ? t('deliveries.webhooksSigned') : t('deliveries.webhooksUnsigned')}
      </Text>
    </Alert>
  );
}

/** The delivery queue: pending, sent and failed messages, filterable by status. */
export function Deliveries() {
  const { t } = useTranslation();
  const [status, setStatus] = useState('');
  const query = useDeliveries(status);
  const phone = useMediaQuery('(max-width: 48em)');
  return (
    <Stack gap="md">
      <MailBanner />
      <SegmentedControl
        aria-label={t('deliveries.filter')}
        value={status}
        onChange={setStatus}
        data={[{ value: '', label: t('deliveries.all') }, ...DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`escalation.deliveryStatus.${s}`) }))]}
        w="fit-content"
        maw="100%"
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t('deliveries.empty')}</Text>
      ) : phone ? (
        <Stack component="ul" gap="xs" p={0} m={0} aria-label={t('deliveries.title')}>
          {query.data.items.map((d) => (
            <DeliveryCard key={d.notificationId} d={d} />
          ))}
        </Stack>
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table striped aria-label={t('deliveries.title')} verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('deliveries.incident')}</Table.Th>
                <Table.Th>{t('deliveries.recipient')}</Table.Th>
                <Table.Th>{t('deliveries.subject')}</Table.Th>
                <Table.Th>{t('deliveries.status')}</Table.Th>
                <Table.Th>{t('deliveries.attempts')}</Table.Th>
                <Table.Th>{t('deliveries.times')}</Table.Th>
                <Table.Th>{t('deliveries.lastError')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((d) => (
                <Table.Tr key={d.notificationId} data-status={d.status}>
                  <Table.Td>
                    <Reference d={d} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.recipientName}</Text>
                    <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                      {t(`escalation.channel.${d.channel}`)} · {d.address}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {d.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <StatusBadge d={d} />
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Times d={d} />
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }} lineClamp={3}>
                      {d.lastError}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Stack>
  );
}
