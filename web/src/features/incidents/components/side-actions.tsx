import { Button, Checkbox, Group, Modal, Radio, Select, Stack, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { useCommandForm } from '@/lib/use-command-form';
import { CATEGORIES, IMPACTS, INFO_CLASSES, type IncidentDetail } from '@/types';
import { useAssignIncident } from '../api/assign-incident';
import { useAssignableUsers } from '../api/get-assignable-users';
import { useReclassifyIncident } from '../api/reclassify-incident';
import { useRerateSeverity } from '../api/rerate-severity';
import { deriveSeverity } from '../utils/derive-severity';
import { useSavedNotice } from './use-saved-notice';

/* ---------- reassign ---------- */
const assignSchema = z.object({ ownerId: z.string().min(1, 'validation.required') });
function AssignForm({ incident, onDone }: { incident: IncidentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const users = useAssignableUsers();
  const assign = useAssignIncident();
  const cmd = useCommandForm({
    schema: assignSchema,
    defaultValues: { ownerId: incident.ownerId ?? '' },
    resolve: fieldResolver(['ownerId'] as const),
    mutation: assign,
    toInput: (v: z.infer<typeof assignSchema>) => ({ id: incident.id, version: incident.version, body: { ownerId: v.ownerId } }),
    onSuccess: () => {
      saved();
      onDone();
    },
  });
  const { control, formState } = cmd.form;
  return (
    <form onSubmit={cmd.onSubmit} noValidate>
      <Stack>
        <Controller
          control={control}
          name="ownerId"
          render={({ field }) => (
            <Select
              label={t('actions.newOwner')}
              data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              searchable
              withAsterisk
              nothingFoundMessage={t('common.nothingFound')}
              error={errorText(formState.errors.ownerId?.message)}
              comboboxProps={{ withinPortal: false }}
            />
          )}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={cmd.isPending}>
            {t('actions.assignSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/* ---------- reclassify ---------- */
const reclassifySchema = z.object({
  category: z.union([z.enum(CATEGORIES), z.literal('')]).refine((v) => v !== '', 'validation.required'),
  reason: z.string().trim().min(1, 'validation.reasonRequired').max(1000, 'validation.max1000'),
});
function ReclassifyForm({ incident, onDone }: { incident: IncidentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const reclassify = useReclassifyIncident();
  const cmd = useCommandForm({
    schema: reclassifySchema,
    defaultValues: { category: incident.category, reason: '' },
    resolve: fieldResolver(['category', 'reason'] as const),
    mutation: reclassify,
    toInput: (v: z.output<typeof reclassifySchema>) => ({
      id: incident.id,
      version: incident.version,
      body: { category: v.category, reason: v.reason.trim() },
    }),
    onSuccess: () => {
      saved();
      onDone();
    },
  });
  const { control, register, formState } = cmd.form;
  return (
    <form onSubmit={cmd.onSubmit} noValidate>
      <Stack>
        <Controller
          control={control}
          name="category"
          render={({ field }) => (
            <Select
              label={t('actions.newCategory')}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              withAsterisk
              error={errorText(formState.errors.category?.message)}
              comboboxProps={{ withinPortal: false }}
            />
          )}
        />
        <Textarea
          label={t('actions.reason')}
          withAsterisk
          autosize
          minRows={2}
          error={errorText(formState.errors.reason?.message)}
          {...register('reason')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={cmd.isPending}>
            {t('actions.reclassifySubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/* ---------- re-rate severity ---------- */
const rerateSchema = z.object({
  infoClass: z.union([z.enum(INFO_CLASSES), z.literal('')]).refine((v) => v !== '', 'validation.required'),
  impact: z.union([z.enum(IMPACTS), z.literal('')]).refine((v) => v !== '', 'validation.required'),
  personalDataInvolved: z.boolean(),
  reason: z.string().trim().min(1, 'validation.reasonRequired').max(1000, 'validation.max1000'),
});
function RerateForm({ incident, onDone }: { incident: IncidentDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const rerate = useRerateSeverity();
  const cmd = useCommandForm({
    schema: rerateSchema,
    defaultValues: {
      infoClass: incident.triage?.infoClass ?? '',
      impact: incident.triage?.impact ?? '',
      personalDataInvolved: incident.triage?.personalDataInvolved ?? false,
      reason: '',
    },
    resolve: fieldResolver(['infoClass', 'impact', 'personalDataInvolved', 'reason'] as const),
    mutation: rerate,
    toInput: (v: z.output<typeof rerateSchema>) => ({
      id: incident.id,
      version: incident.version,
      body: { infoClass: v.infoClass, impact: v.impact, personalDataInvolved: v.personalDataInvolved, reason: v.reason.trim() },
    }),
    onSuccess: () => {
      saved();
      onDone();
    },
  });
  const { control, register, watch, formState } = cmd.form;
  const preview = deriveSeverity({
    infoClass: watch('infoClass'),
    impact: watch('impact'),
    personalDataInvolved: watch('personalDataInvolved'),
    usersMayBeHarmed: incident.triage?.usersMayBeHarmed ?? false,
  });
  return (
    <form onSubmit={cmd.onSubmit} noValidate>
      <Stack>
        <Controller
          control={control}
          name="infoClass"
          render={({ field }) => (
            <Radio.Group
              label={t('triage.infoClass')}
              withAsterisk
              value={field.value}
              onChange={field.onChange}
              error={errorText(formState.errors.infoClass?.message)}
              name="rerate-infoClass"
            >
              <Group mt="xs">
                {INFO_CLASSES.map((c) => (
                  <Radio key={c} value={c} label={t(`infoClass.${c}`)} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        <Controller
          control={control}
          name="impact"
          render={({ field }) => (
            <Radio.Group
              label={t('triage.impact')}
              withAsterisk
              value={field.value}
              onChange={field.onChange}
              error={errorText(formState.errors.impact?.message)}
              name="rerate-impact"
            >
              <Group mt="xs">
                {IMPACTS.map((c) => (
                  <Radio key={c} value={c} label={t(`impact.${c}`)} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        <Checkbox label={t('triage.personalDataInvolved')} {...register('personalDataInvolved')} />
        <Group gap="xs">
          {t('triage.severityPreview')}
          <SeverityBadge severity={preview} />
        </Group>
        <Textarea
          label={t('actions.reason')}
          withAsterisk
          autosize
          minRows={2}
          error={errorText(formState.errors.reason?.message)}
          {...register('reason')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={cmd.isPending}>
            {t('actions.rerateSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Reassign, reclassify and re-rate, each in a modal. */
export function SideActions({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const [assignOpen, assign] = useDisclosure(false);
  const [reclassifyOpen, reclassify] = useDisclosure(false);
  const [rerateOpen, rerate] = useDisclosure(false);
  const closed = incident.stage === 'closed';
  return (
    <section aria-labelledby="side-actions-title">
      <Title order={2} size="h4" id="side-actions-title" mb="sm">
        {t('actions.title')}
      </Title>
      <Group gap="xs">
        <Button variant="default" size="sm" onClick={assign.open} disabled={closed}>
          {t('actions.assign')}
        </Button>
        <Button variant="default" size="sm" onClick={reclassify.open} disabled={closed}>
          {t('actions.reclassify')}
        </Button>
        {incident.triage && (
          <Button variant="default" size="sm" onClick={rerate.open} disabled={closed}>
            {t('actions.rerate')}
          </Button>
        )}
      </Group>
      <Modal opened={assignOpen} onClose={assign.close} title={t('actions.assign')}>
        <AssignForm incident={incident} onDone={assign.close} />
      </Modal>
      <Modal opened={reclassifyOpen} onClose={reclassify.close} title={t('actions.reclassify')}>
        <ReclassifyForm incident={incident} onDone={reclassify.close} />
      </Modal>
      <Modal opened={rerateOpen} onClose={rerate.close} title={t('actions.rerate')}>
        <RerateForm incident={incident} onDone={rerate.close} />
      </Modal>
    </section>
  );
}
