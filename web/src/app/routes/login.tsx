import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { LanguageSwitch } from '@/components/ui/language-switch';
import { PageLoader } from '@/components/ui/page-state';
import { LoginForm } from '@/features/auth/components/login-form';
import { JOBS_DASHBOARD_PATH } from '@/features/escalation-settings/components/settings-tabs';
import { homePathFor, useMe } from '@/lib/auth';
import type { MeDto } from '@/types';

/** Only same-site paths may be a post-login target. */
const safeNext = (next: string | null) => (next && next.startsWith('/') && !next.startsWith('//') ? next : null);

/** Pages the API serves itself (the jobs dashboard): reached by a full page load, not a client-side route. */
const servedByApi = (path: string) => path === JOBS_DASHBOARD_PATH || path.startsWith(`${JOBS_DASHBOARD_PATH}/`);

export function LoginRoute() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = safeNext(params.get('next'));
  const go = (user: MeDto) => {
    if (next && servedByApi(next)) window.location.assign(next);
    else void navigate(next ?? homePathFor(user), { replace: true });
  };

  // Signed in already (or just now, through the form) and sent here by the dashboard: back to it.
  const backToApi = Boolean(me.data && next && servedByApi(next));
  useEffect(() => {
    if (backToApi && next) window.location.assign(next);
  }, [backToApi, next]);

  if (me.isPending || backToApi) return <PageLoader />;
  if (me.data) return <Navigate to={next ?? homePathFor(me.data)} replace />;

  return (
    <Center mih="100vh" p="md" bg="gray.0">
      <Stack w="100%" maw={400} gap="md">
        <Group justify="space-between">
          <Text fw={800} size="xl" c="indigo.7">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="lg" radius="md">
          <Title order={1} size="h3" mb={4}>
            {t('login.title')}
          </Title>
          <Text size="sm" c="dimmed" mb="md">
            {t('login.subtitle')}
          </Text>
          <LoginForm onLoggedIn={go} />
        </Paper>
      </Stack>
    </Center>
  );
}
