import { Alert, Badge, Divider, Grid, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DrillBadge, DrillBanner } from '@/components/ui/drill-banner';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { formatDateTime } from '@/lib/format';
import type { IncidentDetail, Role } from '@/types';
import type { StepActionSlot } from './checklist-step';
import { useIncident } from '../api/get-incident';
import { passedStages } from '../utils/stage-records';
import { AnalysisForm } from './analysis-form';
import { BriefingsPanel } from './briefings-panel';
import { ExitChecklist } from './exit-checklist';
import { CurrentDeadline, EscalationPanel } from './escalation-panel';
import { IncidentTimeline } from './incident-timeline';
import { NotesPanel } from './notes-panel';
import { PlaybookChecklist, ReporterSteps, type ChecklistFocus } from './playbook-checklist';
import { PossibleDuplicateAlert } from './possible-duplicate-alert';
import { PreventionForm } from './prevention-form';
import { RecoveryForm } from './recovery-form';
import { SideActions } from './side-actions';
import { StageActions } from './stage-actions';
import { StageRecords } from './stage-records';
import { StageStepper } from './stage-stepper';
import { TriageForm } from './triage-form';

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm">{value}</Text>
    </div>
  );
}

/**
 * What other features show on the incident page (the route composes them; features do not import each other):
 * the decisions feature's pending badge, its decision log, and "ask the executives" on decision steps.
 */
export interface IncidentSlots {
  headerBadge?: (incident: IncidentDetail) => ReactNode;
  panel?: (incident: IncidentDetail) => ReactNode;
  stepAction?: StepActionSlot;
}

function IncidentHeader({ incident, slots }: { incident: IncidentDetail; slots?: IncidentSlots }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="wrap">
        <Title order={1} size="h2" ff="monospace">
          {incident.reference}
        </Title>
        {incident.drillRunId && <DrillBadge size="lg" />}
        <SeverityBadge severity={incident.severity} size="lg" />
        <Badge variant="outline" size="lg">
          {t(`stage.${incident.stage}`)}
        </Badge>
        {incident.stage !== 'closed' && <CurrentDeadline incidentId={incident.id} acknowledged={!!incident.acknowledgedAt} />}
        {slots?.headerBadge?.(incident)}
      </Group>
      <Text fw={600}>{t(`category.${incident.category}`)}</Text>
      <Text style={{ whiteSpace: 'pre-wrap' }}>{incident.summary}</Text>
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="xs" mt="xs">
        <Fact label={t('incident.reporter')} value={incident.reporterName} />
        <Fact label={t('incident.owner')} value={incident.ownerName ?? t('incident.unassigned')} />
        <Fact label={t('incident.noticedAt')} value={formatDateTime(incident.noticedAt, lang)} />
        <Fact label={t('incident.reportedAt')} value={formatDateTime(incident.reportedAt, lang)} />
        <Fact
          label={t('incident.acknowledgedAt')}
          value={incident.acknowledgedAt ? formatDateTime(incident.acknowledgedAt, lang) : t('incident.notYet')}
        />
        {incident.contact && <Fact label={t('incident.contact')} value={incident.contact} />}
        {incident.deviceId && <Fact label={t('incident.deviceId')} value={incident.deviceId} />}
        {incident.disconnectedFromNetwork !== null && (
          <Fact
            label={t('incident.disconnected')}
            value={incident.disconnectedFromNetwork ? t('common.yes') : t('common.no')}
          />
        )}
        {incident.personalDataMayBeInvolved && (
          <Fact label={t('incident.personalData')} value={t('common.yes')} />
        )}
      </SimpleGrid>
    </Stack>
  );
}

function StageForm({ incident }: { incident: IncidentDetail }) {
  // Not keyed on the version: a form keeps what the user typed across any change of the incident
  // (it takes the server's values only while untouched, see useCommandForm).
  switch (incident.stage) {
    case 'triage':
      return <TriageForm incident={incident} />;
    case 'analysis':
      return <AnalysisForm incident={incident} />;
    case 'recovery':
      return <RecoveryForm incident={incident} />;
    case 'prevention':
      return <PreventionForm incident={incident} />;
    default:
      return null;
  }
}

function ResponderView({
  incident,
  canCommand,
  roles,
  slots,
}: {
  incident: IncidentDetail;
  canCommand: boolean;
  roles: readonly Role[];
  slots?: IncidentSlots;
}) {
  const { t } = useTranslation();
  const [focus, setFocus] = useState<ChecklistFocus | null>(null);
  const showSteps = (ids: string[]) => setFocus((f) => ({ ids, nonce: (f?.nonce ?? 0) + 1 }));
  const hasForm = ['triage', 'analysis', 'recovery', 'prevention'].includes(incident.stage);
  const showOpenSteps = () =>
    showSteps(
      incident.checklist.steps
        .filter((s) => s.stage === incident.stage && s.required && s.applies && s.status === 'open' && !s.fromEarlierPlaybook)
        .map((s) => s.stepId),
    );
  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 8 }}>
        <Stack gap="lg">
          <Paper withBorder p="md" radius="md">
            <IncidentHeader incident={incident} slots={slots} />
          </Paper>
          <PossibleDuplicateAlert incident={incident} />
          <Paper withBorder p="md" radius="md">
            <StageStepper stage={incident.stage} />
          </Paper>
          {incident.stage === 'closed' ? (
            <Alert color="green">{t('stageStatus.closed')}</Alert>
          ) : (
            // The current stage: what it takes to leave it, the form that records it, and the way on.
            <Paper withBorder p="md" radius="md" component="section" aria-label={t(`stage.${incident.stage}`)} data-testid="current-stage">
              <Stack gap="md">
                <ExitChecklist criteria={incident.exitCriteria} stage={incident.stage} onShowOpenSteps={showOpenSteps} />
                {canCommand && hasForm && (
                  <>
                    <Divider />
                    <Title order={2} size="h4">
                      {t(`incident.formTitle.${incident.stage}`)}
                    </Title>
                    <StageForm incident={incident} />
                    <Divider />
                  </>
                )}
                {canCommand ? (
                  <StageActions incident={incident} onShowSteps={showSteps} />
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('incident.readOnly')}
                  </Text>
                )}
              </Stack>
            </Paper>
          )}
          <BriefingsPanel incident={incident} canCommand={canCommand} />
          {passedStages(incident).length > 0 && (
            <Paper withBorder p="md" radius="md">
              <StageRecords incident={incident} />
            </Paper>
          )}
          <Paper withBorder p="md" radius="md">
            <PlaybookChecklist incident={incident} roles={roles} focus={focus} stepAction={slots?.stepAction} />
          </Paper>
        </Stack>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
        <Stack gap="lg">
          {canCommand && (
            <Paper withBorder p="md" radius="md">
              <SideActions incident={incident} />
            </Paper>
          )}
          {slots?.panel?.(incident)}
          <EscalationPanel incidentId={incident.id} />
          <Paper withBorder p="md" radius="md">
            <NotesPanel incident={incident} />
          </Paper>
          <Paper withBorder p="md" radius="md">
            <IncidentTimeline incidentId={incident.id} checklist={incident.checklist} />
          </Paper>
        </Stack>
      </Grid.Col>
    </Grid>
  );
}

/** What a reporter sees of their own report: plain words, no internals, plus notes. */
function ReporterView({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="lg" maw={760}>
      <Paper withBorder p="md" radius="md">
        <Stack gap="xs">
          <Group gap="sm">
            <Title order={1} size="h2" ff="monospace">
              {incident.reference}
            </Title>
            <Badge variant="light">{t(`stage.${incident.stage}`)}</Badge>
          </Group>
          <Alert color={incident.stage === 'closed' ? 'green' : 'blue'} title={t('reporterView.status')}>
            {t(`stageStatus.${incident.stage}`)}
          </Alert>
          <Divider my="xs" />
          <Text fw={600}>{t(`category.${incident.category}`)}</Text>
          <Text style={{ whiteSpace: 'pre-wrap' }}>{incident.summary}</Text>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
            <Fact label={t('incident.noticedAt')} value={formatDateTime(incident.noticedAt, i18n.language)} />
            <Fact label={t('incident.reportedAt')} value={formatDateTime(incident.reportedAt, i18n.language)} />
            <Fact label={t('incident.owner')} value={incident.ownerName ?? t('reporterView.ownerPending')} />
          </SimpleGrid>
        </Stack>
      </Paper>
      <Paper withBorder p="md" radius="md">
        <StageStepper stage={incident.stage} />
      </Paper>
      {incident.checklist.steps.some((s) => s.role === 'reporter' && !s.fromEarlierPlaybook && s.applies) && (
        <Paper withBorder p="md" radius="md">
          <ReporterSteps incident={incident} />
        </Paper>
      )}
      <Paper withBorder p="md" radius="md">
        <Text size="sm" c="dimmed" mb="sm">
          {t('reporterView.notesHint')}
        </Text>
        <NotesPanel incident={incident} />
      </Paper>
    </Stack>
  );
}

interface Props {
  id: string;
  /** may see the responder view */
  isResponder: boolean;
  /** may run commands (Responder/Admin) */
  canCommand: boolean;
  /** the caller's roles (playbook steps: decisions are an Executive's) */
  roles: readonly Role[];
  /** staff only: what other features add to the page */
  slots?: IncidentSlots;
}

export function IncidentView({ id, isResponder, canCommand, roles, slots }: Props) {
  const query = useIncident(id);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const view = isResponder ? (
    <ResponderView incident={query.data} canCommand={canCommand} roles={roles} slots={slots} />
  ) : (
    <ReporterView incident={query.data} />
  );
  // A drill incident says so above everything else on its page (issue 11 §2).
  return query.data.drillRunId ? (
    <Stack gap="md">
      <DrillBanner />
      {view}
    </Stack>
  ) : (
    view
  );
}
