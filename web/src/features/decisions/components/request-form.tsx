import { ActionIcon, Alert, Button, Fieldset, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { DateTimeField } from '@/components/ui/date-fields';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { pickText } from '@/lib/localized';
import { notify } from '@/lib/notify';
import { useCommandForm } from '@/lib/use-command-form';
import { DECISION_KINDS, ON_EXPIRY, type AssignableUser, type DecisionDetail, type DecisionKind, type DecisionKindTemplate } from '@/types';
import { useExecutives } from '../api/get-executives';
import { useDecisionKinds } from '../api/get-decision-kinds';
import { useRequestDecision } from '../api/request-decision';
import { kindPrefill, requestDefaults, requestSchema, resolveRequestKey, toRequestBody } from '../utils/request-values';
import { kindForStep } from '../utils/step-kind';

export interface RequestStep {
  stepId: string;
  title: string;
}

interface FormProps {
  incidentId: string;
  step?: RequestStep;
  kinds: readonly DecisionKindTemplate[];
  executives: readonly AssignableUser[];
  onDone: (created?: DecisionDetail) => void;
}

export function RequestForm({ incidentId, step, kinds, executives, onDone }: FormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const errorText = useErrorText();
  const request = useRequestDecision();
  const cmd = useCommandForm({
    schema: requestSchema,
    defaultValues: requestDefaults(kinds, lang, step ? kindForStep(step.stepId) : 'business_stoppage'),
    resolve: resolveRequestKey,
    mutation: request,
    toInput: (v: z.output<typeof requestSchema>) => ({ incidentId, body: toRequestBody(v, step?.stepId ?? null) }),
    onSuccess: (created) => {
      notify(t('decisions.requestedNotice'));
      onDone(created);
    },
  });
  const {
    control,
    register,
    watch,
    setValue,
    formState: { errors },
  } = cmd.form;
  const options = useFieldArray({ control, name: 'options' });
  const approvers = useFieldArray({ control, name: 'approvers' });
  const kind = watch('kind');
  const onExpiry = watch('onExpiry');
  const current = watch('options');
  const template = kinds.find((k) => k.kind === kind);
  const safeIds = new Set((template?.options ?? []).filter((o) => o.safe).map((o) => o.id));
  const optionChoices = current.filter((o) => o.id).map((o) => ({ value: o.id, label: o.label || o.id }));
  const people = executives.map((e) => ({ value: e.id, label: e.displayName }));
  // An option of the kind that was removed may be put back; "other" takes new ones up to five.
  const missing = (template?.options ?? []).filter((o) => !current.some((c) => c.id === o.id));
  const canAdd = current.length < 5 && (kind === 'other' || missing.length > 0);

  const chooseKind = (value: string | null) => {
    if (!value) return;
    const next = value as DecisionKind;
    setValue('kind', next, { shouldDirty: true });
    const prefill = kindPrefill(
      kinds.find((k) => k.kind === next),
      lang,
    );
    setValue('question', prefill.question, { shouldDirty: true });
    options.replace(prefill.options);
    setValue('recommendedOptionId', '');
    setValue('defaultOptionId', '');
  };

  const addOption = () => {
    const back = missing[0];
    if (kind !== 'other' && back) options.append({ id: back.id, label: pickText(back.label, lang), consequence: pickText(back.consequence, lang) });
    else {
      let n = current.length + 1;
      while (current.some((o) => o.id === `option_${n}`)) n += 1;
      options.append({ id: `option_${n}`, label: '', consequence: '' });
    }
  };

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('decisions.requestTitle')} data-testid="request-form">
      <Stack gap="md">
        {step && (
          <Alert color="indigo" variant="light" p="xs">
            <Text size="sm">{t('decisions.forStep', { step: step.title })}</Text>
          </Alert>
        )}
        <Controller
          control={control}
          name="kind"
          render={({ field }) => (
            <Select
              label={t('decisions.kindLabel')}
              withAsterisk
              allowDeselect={false}
              data={DECISION_KINDS.map((k) => ({ value: k, label: t(`decisions.kind.${k}`) }))}
              value={field.value}
              onChange={chooseKind}
              error={errorText(errors.kind?.message)}
              disabled={!!step}
            />
          )}
        />
        {template?.guidance && (
          <Alert color="yellow" variant="light" p="xs" title={t('decisions.guidanceTitle')} data-testid="request-guidance">
            <Text size="sm">{pickText(template.guidance, lang)}</Text>
          </Alert>
        )}
        <TextInput label={t('decisions.question')} withAsterisk error={errorText(errors.question?.message)} {...register('question')} />
        <Fieldset legend={t('decisions.optionsTitle')} variant="filled">
          <Stack gap="sm">
            {options.fields.map((f, i) => (
              <Paper key={f.id} withBorder p="xs" radius="sm" data-testid="request-option" data-option-id={current[i]?.id}>
                <Group justify="space-between" wrap="nowrap" mb={4}>
                  <Text size="xs" c="dimmed">
                    {t('decisions.optionN', { n: i + 1 })}
                    {safeIds.has(current[i]?.id ?? '') && ` ・ ${t('decisions.safeOption')}`}
                  </Text>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    disabled={options.fields.length <= 2}
                    onClick={() => options.remove(i)}
                    aria-label={t('decisions.removeOption', { n: i + 1 })}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
                <Stack gap={6}>
                  <TextInput
                    label={t('decisions.optionLabel')}
                    withAsterisk
                    error={errorText(errors.options?.[i]?.label?.message ?? errors.options?.[i]?.id?.message)}
                    {...register(`options.${i}.label`)}
                  />
                  <Textarea
                    label={t('decisions.consequence')}
                    withAsterisk
                    autosize
                    minRows={1}
                    error={errorText(errors.options?.[i]?.consequence?.message)}
                    {...register(`options.${i}.consequence`)}
                  />
                </Stack>
              </Paper>
            ))}
            {errors.options?.message && (
              <Text size="sm" c="red">
                {errorText(errors.options.message)}
              </Text>
            )}
            {canAdd && (
              <Button variant="light" size="xs" leftSection={<IconPlus size={14} aria-hidden />} onClick={addOption} w="fit-content">
                {t('decisions.addOption')}
              </Button>
            )}
          </Stack>
        </Fieldset>
        <Controller
          control={control}
          name="recommendedOptionId"
          render={({ field }) => (
            <Select
              label={t('decisions.recommendedOption')}
              clearable
              data={optionChoices}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              error={errorText(errors.recommendedOptionId?.message)}
            />
          )}
        />
        <Textarea label={t('decisions.recommendation')} autosize minRows={2} error={errorText(errors.recommendation?.message)} {...register('recommendation')} />
        <Textarea
          label={t('decisions.context')}
          description={t('decisions.contextHelp')}
          withAsterisk
          autosize
          minRows={3}
          error={errorText(errors.context?.message)}
          {...register('context')}
        />
        <Textarea
          label={t('decisions.unknowns')}
          description={t('decisions.unknownsHelp')}
          autosize
          minRows={2}
          error={errorText(errors.unknowns?.message)}
          {...register('unknowns')}
        />
        <Controller
          control={control}
          name="neededBy"
          render={({ field }) => (
            <DateTimeField
              label={t('decisions.neededBy')}
              withAsterisk
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              inputRef={field.ref}
              error={errorText(errors.neededBy?.message)}
            />
          )}
        />
        <Fieldset legend={t('decisions.approversTitle')} variant="filled">
          <Stack gap="sm">
            {people.length === 0 && (
              <Alert color="red" p="xs">
                {t('decisions.noExecutives')}
              </Alert>
            )}
            {approvers.fields.map((f, i) => (
              <Group key={f.id} align="flex-end" gap="xs" wrap="nowrap" data-testid="request-approver">
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" style={{ flex: 1 }}>
                  <Controller
                    control={control}
                    name={`approvers.${i}.accountId`}
                    render={({ field }) => (
                      <Select
                        label={t('decisions.approverN', { n: i + 1 })}
                        withAsterisk
                        data={people}
                        value={field.value || null}
                        onChange={(v) => field.onChange(v ?? '')}
                        error={errorText(errors.approvers?.[i]?.accountId?.message)}
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`approvers.${i}.deputyId`}
                    render={({ field }) => (
                      <Select
                        label={t('decisions.deputy')}
                        clearable
                        data={people}
                        value={field.value || null}
                        onChange={(v) => field.onChange(v ?? '')}
                        error={errorText(errors.approvers?.[i]?.deputyId?.message)}
                      />
                    )}
                  />
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  disabled={approvers.fields.length <= 1}
                  onClick={() => approvers.remove(i)}
                  aria-label={t('decisions.removeApprover', { n: i + 1 })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {approvers.fields.length < 10 && people.length > approvers.fields.length && (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => approvers.append({ accountId: '', deputyId: '' })}
                w="fit-content"
              >
                {t('decisions.addApprover')}
              </Button>
            )}
            <Controller
              control={control}
              name="quorum"
              render={({ field }) => (
                <Stack gap={4}>
                  <Text size="sm" fw={500}>
                    {t('decisions.quorumLabel')}
                  </Text>
                  <SegmentedControl
                    value={field.value}
                    onChange={field.onChange}
                    data={[
                      { value: 'any', label: t('decisions.quorum.any') },
                      { value: 'all', label: t('decisions.quorum.all') },
                    ]}
                  />
                </Stack>
              )}
            />
          </Stack>
        </Fieldset>
        <Controller
          control={control}
          name="onExpiry"
          render={({ field }) => (
            <Select
              label={t('decisions.onExpiryLabel')}
              withAsterisk
              allowDeselect={false}
              data={ON_EXPIRY.map((o) => ({ value: o, label: t(`decisions.onExpiry.${o}`), disabled: o === 'apply_safe_option' && safeIds.size === 0 }))}
              value={field.value}
              onChange={(v) => {
                field.onChange(v ?? 'escalate');
                if (v === 'record_no_decision') setValue('defaultOptionId', '');
              }}
              error={errorText(errors.onExpiry?.message)}
            />
          )}
        />
        {onExpiry === 'apply_safe_option' && (
          <Controller
            control={control}
            name="defaultOptionId"
            render={({ field }) => (
              <Select
                label={t('decisions.defaultOption')}
                description={t('decisions.defaultOptionHelp')}
                withAsterisk
                data={optionChoices.filter((o) => safeIds.has(o.value))}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                error={errorText(errors.defaultOptionId?.message)}
              />
            )}
          />
        )}
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone()}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={cmd.isPending}>
            {t('decisions.requestSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Loads the kinds and the Executive accounts, then the form. */
export function RequestDecisionForm(props: Omit<FormProps, 'kinds' | 'executives'>) {
  const kinds = useDecisionKinds();
  const executives = useExecutives();
  if (kinds.isError) return <QueryError error={kinds.error} onRetry={() => void kinds.refetch()} />;
  if (executives.isError) return <QueryError error={executives.error} onRetry={() => void executives.refetch()} />;
  if (!kinds.data || !executives.data) return <PageLoader />;
  return <RequestForm {...props} kinds={kinds.data.items} executives={executives.data.items} />;
}
