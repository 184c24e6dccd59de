import { Alert, Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams, useSearchParams } from 'react-router';
import { PublicPage } from '@/components/ui/public-page';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { personName } from '@/lib/person';
import { useAcknowledgeDrillContact } from '../api/acknowledge-drill-contact';
import { useDrillAck } from '../api/get-drill-ack';
import { DrillAckBanner } from './drill-ack-banner';

/** The message key for a link that cannot be used (400 incomplete, 403/404 not valid, 409 expired). */
function problemKey(error: unknown): string {
  if (!isApiError(error)) return 'errors.generic';
  if (error.status === 400) return 'drillAck.missing';
  if (error.status === 409 && error.rules.some((r) => r.code === 'link_expired')) return 'drillAck.expired';
  if (error.status === 403 || error.status === 404 || error.status === 409) return 'drillAck.invalid';
  if (error.status === 0) return 'errors.network';
  return 'errors.generic';
}

function LinkProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const key = problemKey(error);
  return (
    <Alert color="orange" title={t('drillAck.failedTitle')} icon={<IconLinkOff size={20} />} role="alert" data-testid="drill-ack-error" data-reason={key}>
      {t(key)}
    </Alert>
  );
}

/**
 * /drill-ack/:checkId?token=… — the landing page of a contact-chain check's personal link (phone first, no sign-in).
 * Opening it counts nothing (mail scanners open links); only its one button acknowledges.
 */
export function DrillAckLanding() {
  const { t, i18n } = useTranslation();
  const { checkId = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const link = useDrillAck(checkId, token);
  const ack = useAcknowledgeDrillContact();
  const lang = i18n.language;

  let body: ReactNode;
  if (link.isPending) {
    body = (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  } else if (link.isError) {
    body = <LinkProblem error={link.error} />;
  } else {
    const v = link.data;
    const done = ack.data;
    const recordedAt = done?.acknowledgedAt ?? v.acknowledgedAt;
    body = (
      <Stack gap="md">
        <DrillAckBanner text={v.language === lang ? v.banner : null} />
        <Paper withBorder p="md" radius="md">
          <Stack gap={6}>
            <Text fw={600}>{t('drillAck.recipient', { name: personName(t, v.recipientName) })}</Text>
            {v.drillTitle && <Text size="sm">{t('drillAck.drill', { title: v.drillTitle })}</Text>}
            <Text size="sm">{t('drillAck.chain', { name: v.chainName, position: v.position, members: v.members })}</Text>
            <Text size="sm" c="dimmed">
              {t(v.announced ? 'drillAck.announced' : 'drillAck.unannounced')}
            </Text>
          </Stack>
        </Paper>
        {recordedAt ? (
          <Alert
            color="green"
            icon={<IconCircleCheck size={20} />}
            title={done && !done.alreadyAcknowledged ? t('drillAck.success') : t('drillAck.already')}
            role="status"
            data-testid="drill-ack-done"
          >
            {t(done && !done.alreadyAcknowledged ? 'drillAck.successBody' : 'drillAck.alreadyBody', { at: formatDateTime(recordedAt, lang) })}
          </Alert>
        ) : ack.isError ? (
          <LinkProblem error={ack.error} />
        ) : (
          <Stack gap="xs">
            <Button size="lg" fullWidth color="orange" loading={ack.isPending} onClick={() => ack.mutate({ checkId, token })}>
              {t('drillAck.button')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('drillAck.help')}
            </Text>
          </Stack>
        )}
      </Stack>
    );
  }

  return <PublicPage title={t('drillAck.title')}>{body}</PublicPage>;
}
