import { DrillBanner } from '@/components/ui/drill-banner';
import { PageLoader } from '@/components/ui/page-state';
import { PrintSheet } from '@/components/ui/print-sheet';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { ImprovementTable } from '../../improvements/components/improvement-table';
import { useDrillReport } from '../api/drill-report';
import { DrillReportBody } from './drill-report-body';
import './drill-report-print.css';

/** /drills/:id/report/print: the report on paper (no app shell; buttons and the print toolbar disappear when printing). */
export function DrillReportPrint({ runId }: { runId: string }) {
  const report = useDrillReport(runId);
  return (
    <PrintSheet backTo={`/drills/${runId}/report`}>
      {report.isPending ? <PageLoader /> : report.data ? (
        <>
          <DrillBanner about="run" />
          <DrillReportBody report={report.data} panel={<ImprovementTable items={report.data.improvements} />} />
        </>
      ) : <ProblemAlert error={report.error} />}
    </PrintSheet>
  );
}
