import { useParams } from 'react-router';
import { DrillReport } from '@/features/drills/report/components/drill-report';

export function DrillReportRoute() {
  const { id } = useParams();
  return <DrillReport runId={id!} />;
}
