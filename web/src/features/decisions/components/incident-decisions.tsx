import { Anchor, Button, Group, Modal, Paper, Stack, Text, Title } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconGavel } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import type { DecisionSummary } from '@/types';
import { useIncidentDecisions } from '../api/get-decisions';
import { isOpen, pendingByUrgency } from '../utils/desk-order';
import { DecisionCountdown, DecisionStatusBadge } from './decision-badges';
import { RequestDecisionForm, type RequestStep } from './request-form';

interface ModalProps {
  incidentId: string;
  step?: RequestStep;
  opened: boolean;
  onClose: () => void;
}

/** "Ask the executives" in a dialog (full screen on a phone); once sent, the incident's decision log shows it pending. */
export function RequestDecisionModal({ incidentId, step, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  return (
    <Modal opened={opened} onClose={onClose} title={t('decisions.requestTitle')} size="lg" fullScreen={phone}>
      {opened && (
        <RequestDecisionForm
          incidentId={incidentId}
          step={step}
          onDone={onClose}
        />
      )}
    </Modal>
  );
}

/** One request as a short card: status, kind, countdown or outcome, who asked (the incident's log; the log on a phone). */
export function DecisionListItem({ d, showReference = false, testId = 'incident-decision' }: { d: DecisionSummary; showReference?: boolean; testId?: string }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="xs" radius="sm" data-testid={testId} data-status={d.status} data-decision-id={d.id}>
      <Group gap={6} wrap="wrap">
        {showReference && (
          <Anchor component={Link} to={`/incidents/${d.incidentId}`} size="xs" ff="monospace" fw={700}>
            {d.incidentReference}
          </Anchor>
        )}
        <DecisionStatusBadge status={d.status} size="sm" />
        <Text size="xs" c="dimmed">
          {t(`decisions.kind.${d.kind}`)}
        </Text>
        {isOpen(d) && <DecisionCountdown neededBy={d.neededBy} size="xs" />}
      </Group>
      <Anchor component={Link} to={`/decisions/${d.id}`} size="sm" fw={600} mt={4} display="block">
        {d.question}
      </Anchor>
      {d.status === 'decided' && d.optionLabel && (
        <Text size="sm" mt={2} data-testid="decision-outcome-line">
          {t('decisions.outcomeLine', { option: d.optionLabel, name: d.decidedByName ?? '', time: formatDateTime(d.decidedAt, i18n.language) })}
        </Text>
      )}
      {d.disagreement && (
        <Text size="xs" c="orange.8">
          {t('decisions.disagreement')}
        </Text>
      )}
      <Text size="xs" c="dimmed" mt={2}>
        {t('decisions.requestedBy', { name: d.requestedByName ?? '', time: formatDateTime(d.requestedAt, i18n.language) })}
      </Text>
    </Paper>
  );
}

/** The incident's decision log: every request with its outcome, and "ask the executives" for responders and admins. */
export function IncidentDecisions({ incidentId, canRequest, closed }: { incidentId: string; canRequest: boolean; closed: boolean }) {
  const { t } = useTranslation();
  const query = useIncidentDecisions(incidentId);
  const [opened, setOpened] = useState(false);
  const items = query.data?.items ?? [];
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="incident-decisions">
      <Stack gap="sm">
        <Group justify="space-between" wrap="wrap" gap="xs">
          <Group gap="xs">
            <IconGavel size={18} aria-hidden />
            <Title order={2} size="h4" id="incident-decisions">
              {t('decisions.incidentLogTitle')}
            </Title>
          </Group>
          {canRequest && !closed && (
            <Button size="xs" onClick={() => setOpened(true)}>
              {t('decisions.askExecutives')}
            </Button>
          )}
        </Group>
        {query.isSuccess && items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('decisions.noneForIncident')}
          </Text>
        )}
        {items.map((d) => (
          <DecisionListItem key={d.id} d={d} />
        ))}
      </Stack>
      <RequestDecisionModal incidentId={incidentId} opened={opened} onClose={() => setOpened(false)} />
    </Paper>
  );
}

/** The header's badge: the most urgent pending request of the incident, counting down, linking to it. */
export function PendingDecisionBadge({ incidentId }: { incidentId: string }) {
  const query = useIncidentDecisions(incidentId);
  const first = pendingByUrgency(query.data?.items ?? [])[0];
  if (!first) return null;
  return (
    <Anchor component={Link} to={`/decisions/${first.id}`} underline="never" data-testid="incident-pending-decision">
      <DecisionCountdown neededBy={first.neededBy} />
    </Anchor>
  );
}

interface StepProps {
  incidentId: string;
  step: RequestStep & { open: boolean };
  canRequest: boolean;
}

/** On a playbook step of kind "decision": the request pending for it, or "ask the executives" pre-filled from the step. */
export function StepDecisionAction({ incidentId, step, canRequest }: StepProps) {
  const { t } = useTranslation();
  const query = useIncidentDecisions(incidentId);
  const [opened, setOpened] = useState(false);
  const forStep = (query.data?.items ?? []).filter((d) => d.stepId === step.stepId);
  const pending = forStep.find(isOpen);
  if (pending)
    return (
      <Group gap={6} wrap="wrap" data-testid="step-decision-pending">
        <Anchor component={Link} to={`/decisions/${pending.id}`} size="sm">
          {t('decisions.stepPending')}
        </Anchor>
        <DecisionCountdown neededBy={pending.neededBy} size="xs" />
      </Group>
    );
  if (!step.open || !canRequest) return null;
  return (
    <>
      <Button size="xs" leftSection={<IconGavel size={14} aria-hidden />} onClick={() => setOpened(true)}>
        {t('decisions.askExecutives')}
      </Button>
      <RequestDecisionModal incidentId={incidentId} step={step} opened={opened} onClose={() => setOpened(false)} />
    </>
  );
}
