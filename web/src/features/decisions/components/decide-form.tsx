import { Alert, Button, Checkbox, Group, Radio, Stack, Text, Textarea } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { ChangedNotice } from '@/components/ui/changed-notice';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { pickText } from '@/lib/localized';
import { notify } from '@/lib/notify';
import { useCommandForm, type FormMutation } from '@/lib/use-command-form';
import type { DecideRequest, DecisionDetail } from '@/types';
import { useDecide, useSupersede, type DecisionCommandInput } from '../api/decision-command';
import { decideSchema, resolveDecideField, type DecideValues } from '../utils/decide-schema';

/** A decision's body; superseding one adds the reason (the one field SupersedeRequest has beyond DecideRequest). */
type DecideBody = DecideRequest & { reason?: string };

const empty: DecideValues = { optionId: '', conditions: '', rationale: '', guidanceAcknowledged: false, emergency: '', reason: '' };

interface Props {
  decision: DecisionDetail;
  /** supersede a decided request (with a reason) instead of deciding an open one */
  supersede?: boolean;
  onDone?: () => void;
  /** repeat the guidance text beside the acknowledgement (when the page does not show it already) */
  showGuidance?: boolean;
}

/** An Executive's decision: option, conditions, rationale; the kind's guidance acknowledged before its guarded option. */
export function DecideForm({ decision, supersede = false, onDone, showGuidance = false }: Props) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const decide = useDecide();
  const replace = useSupersede();
  const guarded = decision.guidance.acknowledgeBefore ?? null;
  const schema = decideSchema(guarded, supersede);
  const cmd = useCommandForm({
    schema,
    defaultValues: empty,
    resolve: resolveDecideField,
    // Both take a decision's body; superseding carries the reason too (always set when `supersede`).
    mutation: (supersede ? replace : decide) as FormMutation<DecisionCommandInput<DecideBody>, DecisionDetail>,
    toInput: (v: z.output<typeof schema>) => ({
      id: decision.id,
      version: decision.version,
      body: {
        optionId: v.optionId,
        conditions: v.conditions || null,
        rationale: v.rationale,
        emergency: guarded && v.optionId === guarded ? v.emergency : null,
        guidanceAcknowledged: guarded ? v.guidanceAcknowledged : null,
        ...(supersede ? { reason: v.reason } : {}),
      },
    }),
    onSuccess: () => {
      notify(t(supersede ? 'decisions.superseded' : 'decisions.decidedNotice'));
      onDone?.();
    },
  });
  const {
    control,
    register,
    watch,
    formState: { errors },
  } = cmd.form;
  const acknowledged = watch('guidanceAcknowledged');
  const chosen = watch('optionId');
  // The page shows the guidance above the options; a form on its own (a dialog, a test) shows it here.
  const guidance = showGuidance && decision.guidance.text ? pickText(decision.guidance.text, i18n.language) : '';
  const guardedLabel = decision.options.find((o) => o.id === guarded)?.label ?? guarded ?? '';

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t(supersede ? 'decisions.supersedeTitle' : 'decisions.decideTitle')} data-testid="decide-form">
      <Stack gap="md">
        <ChangedNotice shown={cmd.changedUnderneath} onDiscard={cmd.discard} />
        {guarded && (
          <Alert color="orange" variant="light" icon={<IconAlertTriangle size={18} aria-hidden />} title={t('decisions.guidanceTitle')} data-testid="guidance-acknowledgement">
            <Stack gap="xs">
              {guidance && (
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {guidance}
                </Text>
              )}
              <Checkbox
                label={t('decisions.acknowledge', { option: guardedLabel })}
                error={errorText(errors.guidanceAcknowledged?.message)}
                {...register('guidanceAcknowledged')}
              />
            </Stack>
          </Alert>
        )}
        <Controller
          control={control}
          name="optionId"
          render={({ field }) => (
            <Radio.Group
              label={t('decisions.chooseOption')}
              withAsterisk
              value={field.value}
              onChange={field.onChange}
              error={errorText(errors.optionId?.message)}
            >
              <Stack gap="xs" mt="xs">
                {decision.options.map((o) => {
                  const locked = o.id === guarded && !acknowledged;
                  return (
                    <Radio
                      key={o.id}
                      value={o.id}
                      label={o.label}
                      disabled={locked}
                      description={locked ? t('decisions.lockedUntilAcknowledged') : o.consequence}
                      data-option-id={o.id}
                    />
                  );
                })}
              </Stack>
            </Radio.Group>
          )}
        />
        {guarded && chosen === guarded && (
          <Textarea
            label={t('decisions.emergency')}
            description={t('decisions.emergencyHelp')}
            withAsterisk
            autosize
            minRows={2}
            error={errorText(errors.emergency?.message)}
            {...register('emergency')}
          />
        )}
        <Textarea
          label={t('decisions.conditions')}
          description={t('decisions.conditionsHelp')}
          autosize
          minRows={1}
          error={errorText(errors.conditions?.message)}
          {...register('conditions')}
        />
        <Textarea
          label={t('decisions.rationale')}
          withAsterisk
          autosize
          minRows={3}
          error={errorText(errors.rationale?.message)}
          {...register('rationale')}
        />
        {supersede && (
          <Textarea
            label={t('decisions.supersedeReason')}
            withAsterisk
            autosize
            minRows={2}
            error={errorText(errors.reason?.message)}
            {...register('reason')}
          />
        )}
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          {onDone && (
            <Button variant="default" onClick={onDone}>
              {t('common.cancel')}
            </Button>
          )}
          <Button type="submit" loading={cmd.isPending} color={supersede ? 'orange' : 'indigo'}>
            {t(supersede ? 'decisions.supersedeSubmit' : 'decisions.decideSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
