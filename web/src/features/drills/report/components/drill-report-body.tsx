import { Badge, Group, List, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ContactCheckTable } from '../../contact-checks/components/contact-check-table';
import type { DrillReportView } from '../api/drill-report';

type Localized = { ja: string; en: string } | null | undefined;

/** The report's sections as they read on screen and on paper (the editable parts are above it on screen). */
export function DrillReportBody({ report, panel }: { report: DrillReportView; panel?: React.ReactNode }) {
  const { t, i18n } = useTranslation();
  const l = (x: Localized) => (x ? (i18n.language === 'en' ? x.en : x.ja) : '');
  const run = report.run;
  return (
    <Stack gap="md" className="drill-report">
      <section>
        <Title order={3}>{t('drillReport.overview')}</Title>
        <Text fw={600}>{l(run.title)}</Text>
        <Text size="sm">{t('drillReport.date')}: {run.startedAt ? new Date(run.startedAt).toLocaleString() : '—'} – {run.endedAt ? new Date(run.endedAt).toLocaleString() : '—'}</Text>
        <Text size="sm">{t('drillReport.facilitator')}: {run.facilitatorName}</Text>
        <Text size="sm">{t('drillReport.participants')}: {run.participants.map((p) => `${p.name ?? '—'} (${t(`drillRuns.role.${p.role}`)})`).join(', ')}</Text>
        {report.summary ? <Text mt="xs" style={{ whiteSpace: 'pre-wrap' }}>{report.summary}</Text> : null}
      </section>
      <section>
        <Title order={3}>{t('drillReport.ratings')}</Title>
        <Table withTableBorder>
          <Table.Tbody>
            {report.ratings.map((r) => (
              <Table.Tr key={r.objectiveId}>
                <Table.Td>{l(r.text)}</Table.Td>
                <Table.Td><Badge variant="outline">{r.rating ?? '—'}</Badge> {r.edited ? null : <Text span size="xs" c="dimmed">{t('drillReport.suggested')}</Text>}</Table.Td>
                <Table.Td>{r.note}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Text size="xs" c="dimmed">{t('drillReport.ratingScale')}</Text>
      </section>
      <section>
        <Title order={3}>{t('drillReport.actions', report.actions)}</Title>
        <Table withTableBorder data-testid="report-actions">
          <Table.Tbody>
            {run.expectedActions.map((a) => (
              <Table.Tr key={a.actionId} data-action-id={a.actionId} data-status={a.status}>
                <Table.Td>{l(a.text)}</Table.Td>
                <Table.Td>{t(`drillReport.actionStatus.${a.status}`)}</Table.Td>
                <Table.Td>{a.minutesAfterInject != null ? `+${a.minutesAfterInject} ${t('drillRuns.minutesShort')}` : ''}{a.timeLimitMinutes != null ? ` / ${a.timeLimitMinutes} ${t('drillRuns.minutesShort')}` : ''}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      {report.contactChecks.map((c) => (
        <section key={c.id} data-testid="report-contact-check">
          <Title order={3}>{t('drillReport.chain')}</Title>
          <ContactCheckTable check={c} canMark={false} />
        </section>
      ))}
      <section>
        <Title order={3}>{t('drillReport.predictions')}</Title>
        <List size="sm">{run.predictions.map((p) => <List.Item key={p.predictionId}>{p.text} {p.matched === true ? '✓' : p.matched === false ? '✗' : ''}</List.Item>)}</List>
        {run.reveal ? <Text size="sm" mt="xs"><b>{t('drillReport.reveal')}:</b> {l(run.reveal.accident)}</Text> : null}
        {run.kyt ? <Text size="sm"><b>{t('drillReport.teamGoal')}:</b> {run.kyt.teamGoal}</Text> : null}
      </section>
      <section>
        <Title order={3}>{t('drillReport.observations')}</Title>
        <List size="sm">{(run.observations ?? []).map((o) => <List.Item key={o.observationId}>[{t(`drillReport.observation.${o.kind}`)}] {o.text}</List.Item>)}</List>
      </section>
      <section>
        <Title order={3}>{t('drillReport.timeline')}</Title>
        <Table withTableBorder>
          <Table.Tbody>
            {report.timeline.map((e, i) => (
              <Table.Tr key={i}>
                <Table.Td>{new Date(e.at).toLocaleTimeString()}</Table.Td>
                <Table.Td>{t(`drillReport.event.${e.type}`, { defaultValue: e.type })}</Table.Td>
                <Table.Td>{l(e.title)}{e.info ? ` (${l(e.info)})` : ''} {e.detail}</Table.Td>
                <Table.Td>{e.actorName}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </section>
      {panel}
      {report.suggestions.length > 0 ? (
        <section>
          <Title order={4}>{t('drillReport.suggestions')}</Title>
          <List size="sm">
            {report.suggestions.map((s, i) => (
              <List.Item key={i}>
                {s.kind === 'dead-contact' ? t('drillReport.deadContact', { name: s.contactPerson, outcome: s.contactOutcome }) : t('drillReport.missedAction', { action: l(s.actionText) })}
              </List.Item>
            ))}
          </List>
        </section>
      ) : null}
      {report.retested.length > 0 ? (
        <section>
          <Title order={4}>{t('drillReport.retested')}</Title>
          <Table withTableBorder>
            <Table.Tbody>
              {report.retested.map((r) => (
                <Table.Tr key={r.item.id}>
                  <Table.Td>{r.item.title}</Table.Td><Table.Td>{t(`drillImprovements.status.${r.item.status}`)}</Table.Td>
                  <Table.Td>{r.retestedByThisRun ? t('drillReport.retestedYes') : t('drillReport.retestedNo')}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </section>
      ) : null}
      <Group><Text size="xs" c="dimmed">{report.final ? t('drillReport.finalBy', { name: report.finalisedByName }) : t('drillReport.draft')}</Text></Group>
    </Stack>
  );
}
