import type { ReactNode } from 'react';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import type { DrillDetail } from '@/types';
import { seesConsole } from '../utils/drill-clock';
import { useDrill } from '../api/get-drill';
import { DrillConsole } from './drill-console';
import { ParticipantView } from './participant-view';

/** One drill run: loads it (polled while it runs) and shows the console or the participant's view. */
export function DrillPage({ id, contactCheck }: { id: string; contactCheck?: (drill: DrillDetail) => ReactNode }) {
  const drill = useDrill(id);
  if (drill.isError) return <QueryError error={drill.error} onRetry={() => void drill.refetch()} />;
  if (!drill.data) return <PageLoader />;
  return seesConsole(drill.data) ? <DrillConsole drill={drill.data} contactCheck={contactCheck?.(drill.data)} /> : <ParticipantView drill={drill.data} />;
}
