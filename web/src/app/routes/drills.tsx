import { Stack } from '@mantine/core';
import { DrillBanner } from '@/components/ui/drill-banner';
import { DrillList } from '@/features/drills/runs/components/drill-list';
import { canRunCommands, useMe } from '@/lib/auth';

/** /drills: in progress, upcoming and finished drills; responders and admins schedule them. */
export function DrillsRoute() {
  const me = useMe();
  return (
    <Stack gap="md">
      <DrillBanner />
      <DrillList canSchedule={canRunCommands(me.data)} />
    </Stack>
  );
}
