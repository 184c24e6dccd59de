import { Stack } from '@mantine/core';
import { ContactCheckCadenceCard } from '@/features/drills/contact-checks/components/contact-check-cadence-card';
import { SetupChecklist } from '@/features/setup/components/setup-checklist';

export function AdminSetupRoute() {
  return (
    <Stack gap="lg">
      <SetupChecklist />
      {/* R35: when the contact chain was last tried for real */}
      <ContactCheckCadenceCard />
    </Stack>
  );
}
