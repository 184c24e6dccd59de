import { Alert, Badge, SegmentedControl, Stack, Table, Text } from '@mantine/core';
import { IconInfoCircle, IconMailForward } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { DELIVERY_STATUSES } from '@/types';
import { useDeliveries } from '../api/get-deliveries';
import { useMailSettings } from '../api/get-mail-settings';

const color = (s: string) => (s === 'sent' ? 'green' : s === 'failed' ? 'red' : 'yellow');

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
      <Text size="xs" c="dimmed">
        {m.webhooksSigned ? t('deliveries.webhooksSigned') : t('deliveries.webhooksUnsigned')}
      </Text>
    </Alert>
  );
}

/** The delivery queue: pending, sent and failed messages, filterable by status. */
export function Deliveries() {
  const { t, i18n } = useTranslation();
  const [status, setStatus] = useState('');
  const query = useDeliveries(status);
  return (
    <Stack gap="md">
      <MailBanner />
      <SegmentedControl
        aria-label={t('deliveries.filter')}
        value={status}
        onChange={setStatus}
        data={[{ value: '', label: t('deliveries.all') }, ...DELIVERY_STATUSES.map((s) => ({ value: s, label: t(`escalation.deliveryStatus.${s}`) }))]}
        w="fit-content"
      />
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t('deliveries.empty')}</Text>
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
                <Table.Th>{t('deliveries.queuedAt')}</Table.Th>
                <Table.Th>{t('deliveries.lastError')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {query.data.items.map((d) => (
                <Table.Tr key={d.notificationId} data-status={d.status}>
                  <Table.Td>
                    <Text component={Link} to={`/incidents/${d.incidentId}`} size="sm" ff="monospace" c="indigo.7">
                      {d.reference ?? d.incidentId.slice(0, 8)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{d.recipientName}</Text>
                    <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
                      {t(`escalation.channel.${d.channel}`)} · {d.address}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" lineClamp={2}>
                      {d.subject}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge size="sm" variant="light" color={color(d.status)}>
                      {i18n.exists(`escalation.deliveryStatus.${d.status}`) ? t(`escalation.deliveryStatus.${d.status}`) : d.status}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{d.attempts}</Table.Td>
                  <Table.Td>
                    <Text size="xs">{formatDateTime(d.queuedAt, i18n.language)}</Text>
                    {d.sentAt ? (
                      <Text size="xs" c="dimmed">
                        {t('deliveries.sentAt')} {formatDateTime(d.sentAt, i18n.language)}
                      </Text>
                    ) : d.status === 'pending' ? (
                      <Text size="xs" c="dimmed">
                        {t('deliveries.nextAttemptAt')} {formatDateTime(d.nextAttemptAt, i18n.language)}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="red" style={{ wordBreak: 'break-word' }} lineClamp={3}>
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
