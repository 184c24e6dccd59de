import { Stack } from '@mantine/core';
import { DrillAckBanner } from '@/features/drills/contact-checks/components/drill-ack-banner';
import { DrillList } from '@/features/drills/runs/components/drill-list';
import { canRunCommands, useMe } from '@/lib/auth';

/** /drills: in progress, upcoming and finished drills; responders and admins schedule them. */
export function DrillsRoute() {
  const me = useMe();
  return (
    <Stack gap="md">
      <DrillAckBanner />
      <DrillList canSchedule={canRunCommands(me.data)} />
    </Stack>
  );
}
