import { Button, Group, Select, Stack, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DrillBanner } from '@/components/ui/drill-banner';
import { PageLoader } from '@/components/ui/page-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { ImprovementItemsPanel } from '../../improvements/components/improvement-items-panel';
import { useDrillReport, useEditDrillReport, useFinaliseDrillReport, type DrillReportView } from '../api/drill-report';
import { DrillReportBody } from './drill-report-body';

type Rating = 'P' | 'S' | 'M' | 'U';

/** /drills/:id/report: the after-action report; the facilitator edits the summary and ratings until finalising it. */
export function DrillReport({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const report = useDrillReport(runId);
  if (report.isPending) return <PageLoader />;
  if (!report.data) return <ProblemAlert error={report.error} />;
  const r = report.data;
  return (
    <Stack>
      <DrillBanner about="run" />
      <Group justify="space-between">
        <Title order={2}>{t('drillReport.pageTitle')}</Title>
        <Button component={Link} to={`/drills/${runId}/report/print`} variant="default">{t('drillReport.print')}</Button>
      </Group>
      {r.mayEdit ? <ReportEditor key={r.version} r={r} /> : null}
      <DrillReportBody report={r} panel={<ImprovementItemsPanel runId={runId} scenarioId={r.run.scenarioId} />} />
    </Stack>
  );
}

/** The facilitator's part; a new version of the report starts it afresh. */
function ReportEditor({ r }: { r: DrillReportView }) {
  const { t, i18n } = useTranslation();
  const runId = r.runId;
  const edit = useEditDrillReport();
  const finalise = useFinaliseDrillReport();
  const [summary, setSummary] = useState(r.summary ?? '');
  const [ratings, setRatings] = useState<Record<string, Rating | null>>(
    Object.fromEntries(r.ratings.filter((o) => o.edited).map((o) => [o.objectiveId, o.rating as Rating])));
  const save = () =>
    edit.mutate({
      runId, version: r.version,
      body: { summary, ratings: Object.entries(ratings).filter(([, v]) => v).map(([objectiveId, rating]) => ({ objectiveId, rating: rating! })) },
    });
  return (
    <Stack gap="xs">
      <Textarea label={t('drillReport.summary')} value={summary} onChange={(e) => setSummary(e.currentTarget.value)} autosize minRows={3} maxLength={8000} />
      {r.ratings.map((o) => (
        <Select key={o.objectiveId} label={o.text ? (i18n.language === 'en' ? o.text.en : o.text.ja) : o.objectiveId} placeholder={o.suggested ? t('drillReport.suggestedValue', { rating: o.suggested }) : undefined}
          data={['P', 'S', 'M', 'U']} clearable value={ratings[o.objectiveId] ?? null}
          onChange={(v) => setRatings((x) => ({ ...x, [o.objectiveId]: v as Rating | null }))} />
      ))}
      <Group>
        <Button onClick={save} loading={edit.isPending}>{t('drillReport.save')}</Button>
        <Button color="dark" variant="outline" loading={finalise.isPending} onClick={() => finalise.mutate({ runId, version: r.version })}>
          {t('drillReport.finalise')}
        </Button>
      </Group>
      <ProblemAlert error={edit.error ?? finalise.error} />
    </Stack>
  );
}
