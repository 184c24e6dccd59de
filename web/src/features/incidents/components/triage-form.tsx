import { Alert, Button, Checkbox, Group, Radio, Select, Stack, TagsInput, Text } from '@mantine/core';
import { Controller, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { useErrorText } from '@/components/ui/use-error-text';
import { ChangedNotice } from '@/components/ui/changed-notice';
import { fieldResolver } from '@/lib/form-errors';
import { useCommandForm } from '@/lib/use-command-form';
import { IMPACTS, INFO_CLASSES, type IncidentDetail, type TriageRequest } from '@/types';
import { useAssignableUsers } from '../api/get-assignable-users';
import { useTriageIncident } from '../api/triage-incident';
import { stageFieldId } from '../utils/criterion-fields';
import { deriveSeverity } from '../utils/derive-severity';
import { useSavedNotice } from './use-saved-notice';

const CONTAINMENT_SUGGESTION_KEYS = [
  'closeWebsite',
  'moveDataOffline',
  'disconnectDevice',
  'disableAccount',
  'changePasswords',
  'contactUsers',
  'blockSender',
] as const;

const schema = z.object({
  infoClass: z.union([z.enum(INFO_CLASSES), z.literal('')]).refine((v) => v !== '', 'validation.required'),
  impact: z.union([z.enum(IMPACTS), z.literal('')]).refine((v) => v !== '', 'validation.required'),
  personalDataInvolved: z.boolean(),
  usersMayBeHarmed: z.boolean(),
  dataMayBeLeaking: z.boolean(),
  containmentActions: z.array(z.string().trim().min(1).max(500, 'validation.max500')).max(20, 'validation.max20Items'),
  ownerId: z.string().nullable(),
});
type Values = z.input<typeof schema>;
type Output = z.output<typeof schema>;
type Field = keyof Values;
const resolve = fieldResolver<Field>(
  ['infoClass', 'impact', 'personalDataInvolved', 'usersMayBeHarmed', 'dataMayBeLeaking', 'containmentActions', 'ownerId'],
  {},
  [/^containmentActions\.\d+$/],
);

const toValues = (incident: IncidentDetail): Values => {
  const tr = incident.triage;
  return {
    infoClass: tr?.infoClass ?? '',
    impact: tr?.impact ?? '',
    personalDataInvolved: tr?.personalDataInvolved ?? incident.personalDataMayBeInvolved,
    usersMayBeHarmed: tr?.usersMayBeHarmed ?? false,
    dataMayBeLeaking: tr?.dataMayBeLeaking ?? false,
    containmentActions: tr?.containmentActions ?? [],
    ownerId: incident.ownerId ?? null,
  };
};

const toBody = (v: Output): TriageRequest => {
  const body: TriageRequest = {
    infoClass: v.infoClass,
    impact: v.impact,
    personalDataInvolved: v.personalDataInvolved,
    usersMayBeHarmed: v.usersMayBeHarmed,
    dataMayBeLeaking: v.dataMayBeLeaking,
    containmentActions: v.containmentActions,
  };
  if (v.ownerId) body.ownerId = v.ownerId;
  return body;
};

export function TriageForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const triage = useTriageIncident();
  const users = useAssignableUsers();
  const cmd = useCommandForm({
    schema,
    defaultValues: toValues(incident),
    version: incident.version,
    resolve,
    mutation: triage,
    toInput: (v: Output) => ({ id: incident.id, version: incident.version, body: toBody(v) }),
    onSuccess: () => saved(),
  });
  const {
    control,
    register,
    watch,
    formState: { errors },
  } = cmd.form;

  const preview = deriveSeverity({
    infoClass: watch('infoClass'),
    impact: watch('impact'),
    personalDataInvolved: watch('personalDataInvolved'),
    usersMayBeHarmed: watch('usersMayBeHarmed'),
  });

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('triage.formTitle')}>
      <Stack gap="md">
        <ChangedNotice shown={cmd.changedUnderneath} onDiscard={cmd.discard} />
        <div id={stageFieldId('infoClass')}>
          <Controller
            control={control}
            name="infoClass"
            render={({ field }) => (
              <Radio.Group
                label={t('triage.infoClass')}
                description={t('triage.infoClassHelp')}
                withAsterisk
                value={field.value}
                onChange={field.onChange}
                error={errorText(errors.infoClass?.message)}
                name="infoClass"
              >
                <Group mt="xs">
                  {INFO_CLASSES.map((c) => (
                    <Radio key={c} value={c} label={t(`infoClass.${c}`)} />
                  ))}
                </Group>
              </Radio.Group>
            )}
          />
        </div>
        <Controller
          control={control}
          name="impact"
          render={({ field }) => (
            <Radio.Group
              label={t('triage.impact')}
              description={t('triage.impactHelp')}
              withAsterisk
              value={field.value}
              onChange={field.onChange}
              error={errorText(errors.impact?.message)}
              name="impact"
            >
              <Group mt="xs">
                {IMPACTS.map((c) => (
                  <Radio key={c} value={c} label={t(`impact.${c}`)} />
                ))}
              </Group>
            </Radio.Group>
          )}
        />
        <Stack gap="xs" id={stageFieldId('harmAndLeak')}>
          <Checkbox label={t('triage.personalDataInvolved')} {...register('personalDataInvolved')} />
          <Checkbox label={t('triage.usersMayBeHarmed')} {...register('usersMayBeHarmed')} />
          <Checkbox label={t('triage.dataMayBeLeaking')} {...register('dataMayBeLeaking')} />
        </Stack>
        {watch('dataMayBeLeaking') && (
          <Alert color="orange" variant="light">
            {t('triage.leakHint')}
          </Alert>
        )}
        {watch('usersMayBeHarmed') && (
          <Alert color="orange" variant="light">
            {t('triage.harmHint')}
          </Alert>
        )}
        <Controller
          control={control}
          name="containmentActions"
          render={({ field }) => (
            <TagsInput
              label={t('triage.containmentActions')}
              description={t('triage.containmentHelp')}
              data={CONTAINMENT_SUGGESTION_KEYS.map((k) => t(`triage.suggestions.${k}`))}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              maxTags={20}
              clearable
              error={errorText(
                errors.containmentActions?.message ??
                  (Array.isArray(errors.containmentActions)
                    ? (errors.containmentActions as (FieldError | undefined)[]).find((x) => x?.message)?.message
                    : undefined),
              )}
            />
          )}
        />
        <Controller
          control={control}
          name="ownerId"
          render={({ field }) => (
            <Select
              id={stageFieldId('ownerId')}
              label={t('triage.owner')}
              placeholder={t('incident.unassigned')}
              data={(users.data?.items ?? []).map((u) => ({ value: u.id, label: u.displayName }))}
              value={field.value}
              onChange={field.onChange}
              clearable
              searchable
              nothingFoundMessage={t('common.nothingFound')}
              error={errorText(errors.ownerId?.message)}
            />
          )}
        />
        <Group gap="xs" aria-live="polite">
          <Text size="sm" fw={500}>
            {t('triage.severityPreview')}
          </Text>
          <SeverityBadge severity={preview} size="lg" data-testid="severity-preview" />
        </Group>
        <Text size="xs" c="dimmed">
          {t('triage.severityRule')}
        </Text>
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group>
          <Button type="submit" loading={cmd.isPending}>
            {t('triage.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
