import { Paper, Stack } from '@mantine/core';
import { ContactChains } from '@/features/escalation-settings/components/contact-chains';
import { SettingsTabs } from '@/features/escalation-settings/components/settings-tabs';

export function AdminContactChainsRoute() {
  return (
    <Stack gap="lg">
      <SettingsTabs />
      <Paper withBorder p="md" radius="md">
        <ContactChains />
      </Paper>
    </Stack>
  );
}
