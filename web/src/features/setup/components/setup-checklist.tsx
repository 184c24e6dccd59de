import { Alert, Badge, Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { useMe } from '@/lib/auth';
import { markSetupSeen } from '@/lib/setup-seen';
import { useSetupStatus } from '../api/get-setup-status';

interface ItemProps {
  done: boolean;
  title: string;
  body: string;
  action: ReactNode;
}

function Item({ done, title, body, action }: ItemProps) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" role="listitem" aria-label={title}>
      <Group justify="space-between" align="flex-start" wrap="nowrap" gap="sm">
        <Group align="flex-start" wrap="nowrap" gap="sm">
          <ThemeIcon color={done ? 'green' : 'orange'} variant="light" radius="xl" size="lg" aria-hidden>
            {done ? <IconCheck size={18} /> : <IconCircleDashed size={18} />}
          </ThemeIcon>
          <div>
            <Group gap="xs">
              <Text fw={600}>{title}</Text>
              <Badge size="sm" color={done ? 'green' : 'orange'} variant="light">
                {t(done ? 'setup.done' : 'setup.todo')}
              </Badge>
            </Group>
            <Text size="sm" c="dimmed" mt={4} style={{ overflowWrap: 'anywhere' }}>
              {body}
            </Text>
          </div>
        </Group>
      </Group>
      <Group mt="sm" justify="flex-end">
        {action}
      </Group>
    </Paper>
  );
}

/** The admin's first-sign-in checklist: contact chain, SLA policy, mail, users. */
export function SetupChecklist() {
  const { t } = useTranslation();
  const query = useSetupStatus();
  const me = useMe();
  const navigate = useNavigate();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const s = query.data;
  const finish = () => {
    if (me.data) markSetupSeen(me.data.id);
    void navigate('/board');
  };
  const link = (to: string, label: string) => (
    <Button component={Link} to={to} variant="light" size="xs">
      {label}
    </Button>
  );
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('setup.title')}
      </Title>
      <Text>{t('setup.intro')}</Text>
      <Stack gap="sm" role="list" aria-label={t('setup.title')}>
        <Item
          done={s.defaultChainSaved}
          title={t('setup.chain')}
          body={s.defaultChainSaved ? t('setup.chainDone', { count: s.savedChains }) : t('setup.chainTodo')}
          action={link('/admin/contact-chains', t('setup.chainAction'))}
        />
        <Item
          done={s.slaPolicySaved}
          title={t('setup.sla')}
          body={t(s.slaPolicySaved ? 'setup.slaDone' : 'setup.slaTodo')}
          action={link('/admin/sla', t('setup.slaAction'))}
        />
        <Item
          done={s.mailMode === 'smtp'}
          title={t('setup.mail')}
          body={t(s.mailMode === 'smtp' ? 'setup.mailSmtp' : 'setup.mailPickup', { target: s.mailTarget })}
          action={link('/admin/deliveries', t('setup.mailAction'))}
        />
        <Item
          done={s.responders > 0}
          title={t('setup.users')}
          body={s.responders > 0 ? t('setup.usersDone', { count: s.enabledUsers, responders: s.responders }) : t('setup.usersTodo')}
          action={link('/admin/users', t('setup.usersAction'))}
        />
      </Stack>
      <Group>
        <Button onClick={finish}>{t('setup.finish')}</Button>
      </Group>
    </Stack>
  );
}

/**
 * Shown on every admin page: a warning while new reports would reach nobody, and a note while the built-in chain
 * stands in for a default chain nobody has set up.
 */
export function SetupWarning() {
  const { t } = useTranslation();
  const query = useSetupStatus();
  if (!query.data) return null;
  const s = query.data;
  if (s.newReportsReachNobody)
    return (
      <Alert color="red" title={t('setup.reachNobodyTitle')} role="alert" mb="md">
        {t('setup.reachNobody')}{' '}
        <Link to="/admin/setup">{t('setup.nav')}</Link>
      </Alert>
    );
  if (!s.defaultChainSaved && s.builtInChain)
    return (
      <Alert color="yellow" title={t('setup.builtInTitle')} mb="md" data-testid="setup-built-in">
        {t('setup.builtInBody', { names: s.builtInChain.contacts.map((c) => c.name).join('、') })}{' '}
        <Link to="/admin/setup">{t('setup.nav')}</Link>
      </Alert>
    );
  return null;
}
