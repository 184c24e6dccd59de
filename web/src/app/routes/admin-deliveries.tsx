import { Paper, Stack } from '@mantine/core';
import { Deliveries } from '@/features/escalation-settings/components/deliveries';
import { SettingsTabs } from '@/features/escalation-settings/components/settings-tabs';

export function AdminDeliveriesRoute() {
  return (
    <Stack gap="lg">
      <SettingsTabs />
      <Paper withBorder p="md" radius="md">
        <Deliveries />
      </Paper>
    </Stack>
  );
}
