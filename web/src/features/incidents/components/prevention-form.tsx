import { Button, Fieldset, Group, Radio, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { ChangedNotice } from '@/components/ui/changed-notice';
import { fieldResolver } from '@/lib/form-errors';
import { useCommandForm } from '@/lib/use-command-form';
import { MEASURE_DECISIONS, type IncidentDetail, type PreventionRequest } from '@/types';
import { useRecordPrevention } from '../api/record-prevention';
import { stageFieldId } from '../utils/criterion-fields';
import { useSavedNotice } from './use-saved-notice';
import { RepeatableCard } from '@/components/ui/repeatable-card';
import { DateField } from '@/components/ui/date-fields';

const measure = z
  .object({
    description: z.string().trim().min(1, 'validation.required').max(1000, 'validation.max1000'),
    decision: z.union([z.enum(MEASURE_DECISIONS), z.literal('')]).refine((v) => v !== '', 'validation.required'),
    deadline: z.string(),
  })
  .superRefine((m, ctx) => {
    if (m.decision === 'will_do' && !m.deadline) {
      ctx.addIssue({ code: 'custom', path: ['deadline'], message: 'validation.deadlineRequired' });
    }
  });
const schema = z.object({
  rootCause: z.string().max(4000, 'validation.max4000'),
  measures: z.array(measure),
  policyUpdateNeeded: z.enum(['', 'yes', 'no']),
});
type Values = z.input<typeof schema>;
type Output = z.output<typeof schema>;
type Field = 'rootCause' | 'measures' | 'policyUpdateNeeded' | `measures.${number}.${'description' | 'decision' | 'deadline'}`;
const resolve = fieldResolver<Field>(['rootCause', 'measures', 'policyUpdateNeeded'], {}, [
  /^measures\.\d+\.(description|decision|deadline)$/,
]);

const toValues = (p: IncidentDetail['prevention']): Values => ({
  rootCause: p?.rootCause ?? '',
  measures: (p?.measures ?? []).map((m) => ({
    description: m.description,
    decision: m.decision,
    deadline: m.deadline ? m.deadline.slice(0, 10) : '',
  })),
  policyUpdateNeeded: p?.policyUpdateNeeded == null ? '' : p.policyUpdateNeeded ? 'yes' : 'no',
});

const toBody = (v: Output): PreventionRequest => ({
  rootCause: v.rootCause.trim() || null,
  measures: v.measures.map((m) => ({
    description: m.description.trim(),
    decision: m.decision,
    deadline: m.decision === 'will_do' && m.deadline ? m.deadline : null,
  })),
  policyUpdateNeeded: v.policyUpdateNeeded === '' ? null : v.policyUpdateNeeded === 'yes',
});

export function PreventionForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const record = useRecordPrevention();
  const cmd = useCommandForm({
    schema,
    defaultValues: toValues(incident.prevention),
    version: incident.version,
    resolve,
    mutation: record,
    toInput: (v: Output) => ({ id: incident.id, version: incident.version, body: toBody(v) }),
    onSuccess: () => saved(),
  });
  const {
    control,
    register,
    watch,
    formState: { errors },
  } = cmd.form;
  const measures = useFieldArray({ control, name: 'measures' });

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('prevention.formTitle')}>
      <Stack gap="md">
        <ChangedNotice shown={cmd.changedUnderneath} onDiscard={cmd.discard} />
        <Textarea
          id={stageFieldId('rootCause')}
          label={t('prevention.rootCause')}
          description={t('prevention.rootCauseHelp')}
          autosize
          minRows={3}
          error={errorText(errors.rootCause?.message)}
          {...register('rootCause')}
        />
        <Fieldset legend={t('prevention.measures')} variant="filled" id={stageFieldId('measures')}>
          <Stack gap="sm">
            {measures.fields.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('prevention.noMeasures')}
              </Text>
            )}
            {measures.fields.map((f, idx) => (
              <RepeatableCard
                key={f.id}
                title={t('prevention.measureN', { n: idx + 1 })}
                removeLabel={t('prevention.removeMeasure', { n: idx + 1 })}
                onRemove={() => measures.remove(idx)}
              >
                <Stack gap="xs">
                  <TextInput
                    label={t('prevention.description')}
                    withAsterisk
                    error={errorText(errors.measures?.[idx]?.description?.message)}
                    {...register(`measures.${idx}.description`)}
                  />
                  <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                    <Controller
                      control={control}
                      name={`measures.${idx}.decision`}
                      render={({ field }) => (
                        <Select
                          label={t('prevention.decision')}
                          withAsterisk
                          data={MEASURE_DECISIONS.map((d) => ({ value: d, label: t(`decision.${d}`) }))}
                          value={field.value || null}
                          onChange={(v) => field.onChange(v ?? '')}
                          error={errorText(errors.measures?.[idx]?.decision?.message)}
                        />
                      )}
                    />
                    <Controller
                      control={control}
                      name={`measures.${idx}.deadline`}
                      render={({ field }) => (
                        <DateField
                          label={t('prevention.deadline')}
                          withAsterisk={watch(`measures.${idx}.decision`) === 'will_do'}
                          disabled={watch(`measures.${idx}.decision`) !== 'will_do'}
                          value={field.value}
                          onChange={field.onChange}
                          onBlur={field.onBlur}
                          inputRef={field.ref}
                          error={errorText(errors.measures?.[idx]?.deadline?.message)}
                        />
                      )}
                    />
                  </SimpleGrid>
                </Stack>
              </RepeatableCard>
            ))}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => measures.append({ description: '', decision: '', deadline: '' })}
              w="fit-content"
            >
              {t('prevention.addMeasure')}
            </Button>
          </Stack>
        </Fieldset>
        <div id={stageFieldId('policyUpdateNeeded')}>
          <Controller
            control={control}
            name="policyUpdateNeeded"
            render={({ field }) => (
              <Radio.Group
                label={t('prevention.policyUpdateNeeded')}
                description={t('prevention.policyUpdateHelp')}
                value={field.value}
                onChange={field.onChange}
                error={errorText(errors.policyUpdateNeeded?.message)}
                name="policyUpdateNeeded"
              >
                <Group mt="xs">
                  <Radio value="yes" label={t('common.yes')} />
                  <Radio value="no" label={t('common.no')} />
                </Group>
              </Radio.Group>
            )}
          />
        </div>
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group>
          <Button type="submit" loading={cmd.isPending}>
            {t('prevention.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
