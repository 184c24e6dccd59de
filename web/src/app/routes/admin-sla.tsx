import { Paper, Stack } from '@mantine/core';
import { SlaPolicyForm } from '@/features/escalation-settings/components/sla-policy-form';
import { SettingsTabs } from '@/features/escalation-settings/components/settings-tabs';

export function AdminSlaRoute() {
  return (
    <Stack gap="lg">
      <SettingsTabs />
      <Paper withBorder p="md" radius="md">
        <SlaPolicyForm />
      </Paper>
    </Stack>
  );
}
