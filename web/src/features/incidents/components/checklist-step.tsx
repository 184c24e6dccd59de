import { Alert, Anchor, Badge, Button, Collapse, Group, Paper, Stack, Text, Textarea, ThemeIcon } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconCheck, IconCircleDashed, IconPlayerSkipForward, IconRotate, IconShieldCheck } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { GradeBadge, KindLabel, RequiredBadge, RoleBadge, SourceRef } from '@/components/ui/step-meta';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { useLocalized } from '@/lib/localized';
import { useCommandForm } from '@/lib/use-command-form';
import { gradeLabelKey } from '@/lib/step-meta';
import type { ChecklistStep, IncidentDetail, Role } from '@/types';
import { useCompleteStep } from '../api/complete-step';
import { useReopenStep } from '../api/reopen-step';
import { useSkipStep } from '../api/skip-step';
import { personName } from '@/lib/person';
import { evidenceLine } from '../utils/field-evidence';
import { evidenceFieldValue, isWaivable, stepActions } from '../utils/step-permissions';
import { useSavedNotice } from './use-saved-notice';

type Mode = 'complete' | 'skip' | 'reopen' | null;

interface FormProps {
  step: ChecklistStep;
  incident: IncidentDetail;
  onDone: () => void;
}

function FormButtons({ onCancel, submit, loading, color }: { onCancel: () => void; submit: string; loading: boolean; color?: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end" gap="xs">
      <Button variant="default" size="xs" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" size="xs" loading={loading} color={color}>
        {submit}
      </Button>
    </Group>
  );
}

function CompleteForm({ step, incident, onDone }: FormProps) {
  const { t } = useTranslation();
  const l = useLocalized();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const complete = useCompleteStep(step.stepId);
  const byField = !!step.evidenceField;
  const schema = z.object({
    evidence: byField
      ? z.string().trim().max(4000, 'validation.max4000')
      : z.string().trim().min(1, 'validation.evidenceRequired').max(4000, 'validation.max4000'),
  });
  const cmd = useCommandForm({
    schema,
    defaultValues: { evidence: '' },
    resolve: fieldResolver(['evidence'] as const),
    mutation: complete,
    toInput: (v: z.infer<typeof schema>) => ({ id: incident.id, version: incident.version, body: { evidence: v.evidence.trim() || null } }),
    onSuccess: () => {
      saved('checklist.saved');
      onDone();
    },
  });
  const { register, formState } = cmd.form;
  const fieldLabel = step.evidenceField ? t(`evidenceField.${step.evidenceField}`) : '';
  const rawValue = evidenceFieldValue(incident, step, t('common.yes'));
  const value = step.evidenceField === 'severity' && rawValue ? t(`severity.${rawValue}`) : rawValue;

  return (
    <form onSubmit={cmd.onSubmit} noValidate>
      <Stack gap="xs">
        {byField && (
          <Alert color={value ? 'blue' : 'yellow'} variant="light" p="xs">
            <Text size="sm">{t('checklist.evidenceFieldExplain', { field: fieldLabel })}</Text>
            <Text size="sm" fw={600} mt={4}>
              {value ? t('checklist.fieldValue', { value }) : t('checklist.fieldMissing', { field: fieldLabel })}
            </Text>
          </Alert>
        )}
        <Textarea
          label={byField ? t('checklist.noteOptional') : l(step.evidencePrompt)}
          withAsterisk={!byField}
          autosize
          minRows={2}
          data-autofocus
          error={errorText(formState.errors.evidence?.message)}
          {...register('evidence')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <FormButtons onCancel={onDone} submit={t('checklist.completeSubmit')} loading={cmd.isPending} color="teal" />
      </Stack>
    </form>
  );
}

function SkipForm({ step, incident, onDone, executiveOnly }: FormProps & { executiveOnly: boolean }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const skip = useSkipStep(step.stepId);
  const schema = z.object({ reason: z.string().trim().min(1, 'validation.reasonRequired').max(2000, 'validation.max2000') });
  const cmd = useCommandForm({
    schema,
    defaultValues: { reason: '' },
    resolve: fieldResolver(['reason'] as const),
    mutation: skip,
    toInput: (v: z.infer<typeof schema>) => ({ id: incident.id, version: incident.version, body: { reason: v.reason.trim() } }),
    onSuccess: () => {
      saved('checklist.saved');
      onDone();
    },
  });
  const { register, formState } = cmd.form;
  const grade = t(gradeLabelKey(step.grade));

  if (executiveOnly) {
    return (
      <Stack gap="xs">
        <Alert color="orange" variant="light" p="xs" data-testid="executive-only-hint">
          <Text size="sm">{t('checklist.executiveOnlyWaiver', { grade })}</Text>
        </Alert>
        <Group justify="flex-end">
          <Button variant="default" size="xs" onClick={onDone}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  const waiver = isWaivable(step);
  return (
    <form onSubmit={cmd.onSubmit} noValidate>
      <Stack gap="xs">
        {waiver && (
          <Alert color="orange" variant="light" p="xs">
            <Text size="sm">{t('checklist.waiverNotice', { grade })}</Text>
          </Alert>
        )}
        <Textarea
          label={t('checklist.skipReason')}
          withAsterisk
          autosize
          minRows={2}
          error={errorText(formState.errors.reason?.message)}
          {...register('reason')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <FormButtons
          onCancel={onDone}
          submit={waiver ? t('checklist.waiverSubmit') : t('checklist.skipSubmit')}
          loading={cmd.isPending}
          color={waiver ? 'orange' : undefined}
        />
      </Stack>
    </form>
  );
}

function ReopenForm({ step, incident, onDone }: FormProps) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const reopen = useReopenStep(step.stepId);
  const schema = z.object({ reason: z.string().trim().max(2000, 'validation.max2000') });
  const cmd = useCommandForm({
    schema,
    defaultValues: { reason: '' },
    resolve: fieldResolver(['reason'] as const),
    mutation: reopen,
    toInput: (v: z.infer<typeof schema>) => ({ id: incident.id, version: incident.version, body: { reason: v.reason.trim() || null } }),
    onSuccess: () => {
      saved('checklist.saved');
      onDone();
    },
  });
  const { register, formState } = cmd.form;
  return (
    <form onSubmit={cmd.onSubmit} noValidate>
      <Stack gap="xs">
        <Textarea
          label={t('checklist.reopenReason')}
          autosize
          minRows={1}
          error={errorText(formState.errors.reason?.message)}
          {...register('reason')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <FormButtons onCancel={onDone} submit={t('checklist.reopenSubmit')} loading={cmd.isPending} />
      </Stack>
    </form>
  );
}

function StatusIcon({ step }: { step: ChecklistStep }) {
  const { t } = useTranslation();
  const label = t(`checklist.status.${step.status}`);
  if (step.status === 'completed')
    return (
      <ThemeIcon color="teal" radius="xl" size={26} aria-label={label} role="img">
        <IconCheck size={16} />
      </ThemeIcon>
    );
  if (step.status === 'skipped')
    return (
      <ThemeIcon color={step.waiver ? 'orange' : 'gray'} radius="xl" size={26} aria-label={label} role="img">
        {step.waiver ? <IconShieldCheck size={16} /> : <IconPlayerSkipForward size={16} />}
      </ThemeIcon>
    );
  return (
    <ThemeIcon color="gray" variant="light" radius="xl" size={26} aria-label={label} role="img">
      <IconCircleDashed size={16} />
    </ThemeIcon>
  );
}

/** Who did what, when, with which evidence or reason; a waiver stands out. */
function StepRecord({ step, incident }: { step: ChecklistStep; incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  if (step.status === 'open') return null;
  // Field evidence is stored raw (which field, its value): written here in the viewer's language and time zone.
  const owners: Record<string, string> = incident.ownerId && incident.ownerName ? { [incident.ownerId]: incident.ownerName } : {};
  const evidence = evidenceLine(t, i18n.language, step.fieldEvidence ?? null, step.evidence, owners);
  const name = step.byName ? personName(t, step.byName) : t('timeline.system');
  const time = formatDateTime(step.at, i18n.language);
  if (step.status === 'completed') {
    return (
      <Stack gap={2} data-testid="step-record">
        <Text size="sm" c="teal.9" fw={600}>
          {t('checklist.completedBy', { name, time })}
        </Text>
        {evidence && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="step-evidence">
            <Text span c="dimmed" size="sm">
              {t('checklist.evidence')}
            </Text>
            {evidence}
          </Text>
        )}
      </Stack>
    );
  }
  const body = (
    <Stack gap={2}>
      <Text size="sm" fw={600}>
        {step.waiver ? t('checklist.waivedBy', { name, time }) : t('checklist.skippedBy', { name, time })}
      </Text>
      {step.reason && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          <Text span c="dimmed" size="sm">
            {t('checklist.reason')}
          </Text>
          {step.reason}
        </Text>
      )}
    </Stack>
  );
  return step.waiver ? (
    <Alert color="orange" variant="light" p="xs" title={t('checklist.waiver')} data-testid="step-waiver">
      {body}
    </Alert>
  ) : (
    <div data-testid="step-record">{body}</div>
  );
}

/** Something a feature outside incidents offers on a step (the decisions feature: "ask the executives"). */
export type StepActionSlot = (incident: IncidentDetail, step: ChecklistStep) => ReactNode;

interface StepItemProps {
  step: ChecklistStep;
  incident: IncidentDetail;
  roles: readonly Role[];
  highlighted?: boolean;
  /** history of an earlier playbook: no actions */
  readOnly?: boolean;
  extraAction?: StepActionSlot;
}

export function ChecklistStepItem({ step, incident, roles, highlighted = false, readOnly = false, extraAction }: StepItemProps) {
  const { t } = useTranslation();
  const l = useLocalized();
  const [mode, setMode] = useState<Mode>(null);
  const [guidanceOpen, guidance] = useDisclosure(false);
  const actions = readOnly ? null : stepActions(step, roles, incident);
  const close = () => setMode(null);
  const dimmed = !step.applies && step.status === 'open';

  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      id={`step-${step.stepId}`}
      data-testid="checklist-step"
      data-step-id={step.stepId}
      data-status={step.status}
      data-applies={step.applies}
      data-highlighted={highlighted || undefined}
      style={{
        opacity: dimmed ? 0.55 : 1,
        borderColor: highlighted ? 'var(--mantine-color-orange-6)' : undefined,
        borderWidth: highlighted ? 2 : undefined,
        background: step.status === 'completed' ? 'var(--mantine-color-teal-0)' : undefined,
        scrollMarginTop: 72,
      }}
    >
      <Group gap="sm" wrap="nowrap" align="flex-start">
        <StatusIcon step={step} />
        <Stack gap={6} style={{ flex: 1, minWidth: 0 }}>
          <Text fw={600} size="sm" style={{ textDecoration: step.status === 'skipped' ? 'line-through' : undefined }}>
            {l(step.title)}
          </Text>
          <Group gap={6} wrap="wrap">
            <GradeBadge grade={step.grade} size="sm" />
            {step.required && <RequiredBadge size="sm" />}
            <RoleBadge role={step.role} size="sm" />
            {dimmed && (
              <Badge color="gray" variant="outline" size="sm" radius="sm" tt="none" title={t('checklist.notApplicableHint')} data-testid="not-applicable">
                {t('checklist.notApplicable')}
              </Badge>
            )}
          </Group>
          <KindLabel kind={step.kind} party={l(step.party)} />
          {step.status === 'open' && mode !== 'complete' && step.evidencePrompt && (
            <Text size="xs" c="dimmed">
              {t('playbook.evidencePrompt', { prompt: l(step.evidencePrompt) })}
            </Text>
          )}
          {step.status === 'open' && mode !== 'complete' && step.evidenceField && (
            <Text size="xs" c="dimmed">
              {t('playbook.evidenceFieldUsed', { field: t(`evidenceField.${step.evidenceField}`) })}
            </Text>
          )}
          <StepRecord step={step} incident={incident} />
          <div>
            <Anchor component="button" type="button" size="xs" onClick={guidance.toggle} aria-expanded={guidanceOpen}>
              {guidanceOpen ? t('checklist.hideGuidance') : t('checklist.showGuidance')}
            </Anchor>
            <Collapse in={guidanceOpen}>
              <Stack gap={4} mt={4}>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {l(step.guidance)}
                </Text>
                <SourceRef source={step.source} />
              </Stack>
            </Collapse>
          </div>
          {dimmed && (
            <Text size="xs" c="dimmed">
              {t('checklist.notApplicableHint')}
            </Text>
          )}
          {actions && mode === null && (actions.complete || actions.skip || actions.skipNeedsExecutive || actions.reopen) && (
            <Group gap="xs">
              {actions.complete && (
                <Button size="xs" color="teal" leftSection={<IconCheck size={14} aria-hidden />} onClick={() => setMode('complete')}>
                  {t('checklist.complete')}
                </Button>
              )}
              {(actions.skip || actions.skipNeedsExecutive) && (
                <Button size="xs" variant="default" leftSection={<IconPlayerSkipForward size={14} aria-hidden />} onClick={() => setMode('skip')}>
                  {t('checklist.skip')}
                </Button>
              )}
              {actions.reopen && (
                <Button size="xs" variant="subtle" leftSection={<IconRotate size={14} aria-hidden />} onClick={() => setMode('reopen')}>
                  {t('checklist.reopen')}
                </Button>
              )}
            </Group>
          )}
          {!readOnly && mode === null && step.kind === 'decision' && extraAction?.(incident, step)}
          {mode === 'complete' && <CompleteForm step={step} incident={incident} onDone={close} />}
          {mode === 'skip' && (
            <SkipForm step={step} incident={incident} onDone={close} executiveOnly={!!actions?.skipNeedsExecutive} />
          )}
          {mode === 'reopen' && <ReopenForm step={step} incident={incident} onDone={close} />}
        </Stack>
      </Group>
    </Paper>
  );
}
