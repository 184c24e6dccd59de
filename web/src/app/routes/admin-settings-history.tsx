import { Paper, Stack } from '@mantine/core';
import { SettingsHistory } from '@/features/escalation-settings/components/settings-history';
import { SettingsTabs } from '@/features/escalation-settings/components/settings-tabs';

export function AdminSettingsHistoryRoute() {
  return (
    <Stack gap="lg">
      <SettingsTabs />
      <Paper withBorder p="md" radius="md">
        <SettingsHistory />
      </Paper>
    </Stack>
  );
}
