import { useParams } from 'react-router';
import { DrillReportPrint } from '@/features/drills/report/components/drill-report-print';

export function DrillReportPrintRoute() {
  const { id } = useParams();
  return <DrillReportPrint runId={id!} />;
}
