import { Alert, Anchor, Button, Center, Loader, Paper, Stack, Text } from '@mantine/core';
import { IconCircleCheck, IconLinkOff } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { PublicPage } from '@/components/ui/public-page';
import { isApiError } from '@/lib/api-client';
import { formatDateTime } from '@/lib/format';
import { personName } from '@/lib/person';
import { useAcknowledgeByLink } from '../api/acknowledge-by-link';
import { useAckLink } from '../api/get-ack-link';

/** The message key for a link that cannot be used (400 missing token, 403/404 invalid, 409 used/expired). */
function ackErrorKey(error: unknown): string {
  if (!isApiError(error)) return 'errors.generic';
  if (error.status === 400) return 'ack.missing';
  if (error.status === 403 || error.status === 404) return 'ack.invalid';
  if (error.status === 409) {
    if (error.rules.some((r) => r.code === 'link_used')) return 'ack.used';
    if (error.rules.some((r) => r.code === 'link_expired')) return 'ack.expired';
    return 'ack.invalid';
  }
  if (error.status === 0) return 'errors.network';
  return 'errors.generic';
}

function LinkProblem({ error, incidentId }: { error: unknown; incidentId: string }) {
  const { t } = useTranslation();
  const key = ackErrorKey(error);
  // A used link is not a problem for the person holding it: the acknowledgement is on record.
  const used = key === 'ack.used';
  return (
    <Alert
      color={used ? 'blue' : 'orange'}
      title={t(used ? 'ack.usedTitle' : 'ack.failedTitle')}
      icon={used ? <IconCircleCheck size={20} /> : <IconLinkOff size={20} />}
      role="alert"
      data-testid="ack-error"
      data-reason={key}
    >
      <Stack gap="xs">
        <Text size="sm">{t(key)}</Text>
        <Anchor component={Link} to={openIncidentPath(incidentId)} size="sm">
          {t('ack.signIn')}
        </Anchor>
      </Stack>
    </Alert>
  );
}

/** The incident page behind sign-in (an account already signed in goes straight there). */
const openIncidentPath = (incidentId: string) => `/login?next=${encodeURIComponent(`/incidents/${incidentId}`)}`;

/** After acknowledging: the next step is the incident itself, not a dead end. */
function OpenIncident({ incidentId }: { incidentId: string }) {
  const { t } = useTranslation();
  return (
    <Button component={Link} to={openIncidentPath(incidentId)} variant="light" mt="sm" data-testid="ack-open-incident">
      {t('ack.openIncident')}
    </Button>
  );
}

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="md">{children}</Text>
    </div>
  );
}

/** /ack/:incidentId?token=… — phone-first page from an escalation message; works without signing in. */
export function AckLanding() {
  const { t, i18n } = useTranslation();
  const { incidentId = '' } = useParams();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const link = useAckLink(incidentId, token);
  const ack = useAcknowledgeByLink();

  let body: ReactNode;
  if (link.isPending) {
    body = (
      <Center py="xl">
        <Loader aria-label={t('common.loading')} />
      </Center>
    );
  } else if (link.isError) {
    body = <LinkProblem error={link.error} incidentId={incidentId} />;
  } else {
    const v = link.data;
    const done = ack.data;
    body = (
      <Stack gap="md">
        <Text size="sm" c="dimmed">
          {t('ack.recipient', { name: personName(t, v.recipientName) })}
        </Text>
        <Paper withBorder p="md" radius="md">
          <Stack gap="sm">
            <Row label={t('ack.reference')}>
              <Text component="span" ff="monospace" fw={700}>
                {v.reference}
              </Text>
            </Row>
            <Row label={t('ack.category')}>{t(`category.${v.category}`)}</Row>
            {/* acknowledging may move the incident on; the stage read before it would be stale */}
            {!done && <Row label={t('ack.stage')}>{t(`stage.${v.stage}`)}</Row>}
            <Row label={t('ack.summary')}>{v.summary}</Row>
          </Stack>
        </Paper>
        {done ? (
          <Alert color="green" icon={<IconCircleCheck size={20} />} title={done.alreadyAcknowledged ? t('ack.already') : t('ack.success')} role="status">
            {t(done.alreadyAcknowledged ? 'ack.alreadyBody' : 'ack.successBody', {
              reference: done.reference,
              at: formatDateTime(done.acknowledgedAt, i18n.language),
            })}
            <OpenIncident incidentId={incidentId} />
          </Alert>
        ) : v.acknowledgedAt ? (
          <Alert color="green" icon={<IconCircleCheck size={20} />} title={t('ack.already')} role="status">
            {t('ack.alreadyBody', { reference: v.reference, at: formatDateTime(v.acknowledgedAt, i18n.language) })}
            <OpenIncident incidentId={incidentId} />
          </Alert>
        ) : ack.isError ? (
          <LinkProblem error={ack.error} incidentId={incidentId} />
        ) : (
          <Stack gap="xs">
            <Button size="lg" fullWidth loading={ack.isPending} onClick={() => ack.mutate({ incidentId, token })}>
              {t('ack.button')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('ack.help')}
            </Text>
          </Stack>
        )}
      </Stack>
    );
  }

  return <PublicPage title={t('ack.title')}>{body}</PublicPage>;
}
