import { Stack } from '@mantine/core';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { DrillBanner } from '@/components/ui/drill-banner';
import { useDrill } from '../api/get-drill';
import { seesConsole } from '../utils/drill-clock';
import { DrillConsole } from './drill-console';
import { ParticipantView } from './participant-view';

/**
 * One drill run under the drill banner: loads it (polled while it runs) and shows the console or the participant's
 * view. `canMark`: the caller may mark contact-chain results reached by phone (responders and admins).
 */
export function DrillPage({ id, canMark }: { id: string; canMark: boolean }) {
  const drill = useDrill(id);
  return (
    <Stack gap="md">
      <DrillBanner about="run" />
      {drill.isError && <QueryError error={drill.error} onRetry={() => void drill.refetch()} />}
      {!drill.data && !drill.isError && <PageLoader />}
      {drill.data && (seesConsole(drill.data) ? <DrillConsole drill={drill.data} canMark={canMark} /> : <ParticipantView drill={drill.data} />)}
    </Stack>
  );
}
