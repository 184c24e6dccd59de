import { Anchor, Group, Tabs, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useLocation, useNavigate } from 'react-router';

const SETTINGS_PATHS = {
  chains: '/admin/contact-chains',
  sla: '/admin/sla',
  deliveries: '/admin/deliveries',
  history: '/admin/settings-history',
} as const;

/** Hangfire's dashboard, served by the API itself (not a route of this app): a full page load. */
export const JOBS_DASHBOARD_PATH = '/admin/jobs';

/** Heading and tab bar shared by the notification-settings pages (each tab is its own route). */
export function SettingsTabs() {
  const { t } = useTranslation();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <>
      <Group justify="space-between" align="baseline" gap="xs">
        <Title order={1} size="h2">
          {t('admin.title')}
        </Title>
        <Anchor href={JOBS_DASHBOARD_PATH} size="sm">
          {t('admin.jobs')}
        </Anchor>
      </Group>
      <Tabs value={location.pathname} onChange={(v) => v && void navigate(v)} keepMounted={false}>
        <Tabs.List style={{ flexWrap: 'nowrap', overflowX: 'auto', overflowY: 'hidden' }}>
          {(Object.keys(SETTINGS_PATHS) as (keyof typeof SETTINGS_PATHS)[]).map((k) => (
            <Tabs.Tab key={k} value={SETTINGS_PATHS[k]} style={{ whiteSpace: 'nowrap' }}>
              {t(`admin.tabs.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
      </Tabs>
    </>
  );
}
