import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, Text, TextInput, Textarea } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { ChangedNotice } from '@/components/ui/changed-notice';
import { fieldResolver } from '@/lib/form-errors';
import { useCommandForm } from '@/lib/use-command-form';
import { formatDateTime, isoToOrgWall, orgWallToIso, toOrgWall } from '@/lib/format';
import { DateTimeField } from '@/components/ui/date-fields';
import type { IncidentDetail, RecoveryRequest } from '@/types';
import { useRecordRecovery } from '../api/record-recovery';
import { stageFieldId } from '../utils/criterion-fields';
import { useSavedNotice } from './use-saved-notice';
import { RepeatableCard } from '@/components/ui/repeatable-card';

const party = z.object({
  party: z.string().trim().min(1, 'validation.required').max(200, 'validation.max200'),
  notifiedAt: z
    .string()
    .min(1, 'validation.required')
    .refine((v) => orgWallToIso(v) !== '', 'validation.invalidDate'),
  how: z.string().max(200, 'validation.max200'),
});
const schema = z.object({
  actionsTaken: z.string().max(4000, 'validation.max4000'),
  normalOperationVerified: z.boolean(),
  notifiedParties: z.array(party),
});
type Values = z.infer<typeof schema>;
type Field = 'actionsTaken' | 'normalOperationVerified' | 'notifiedParties' | `notifiedParties.${number}.${'party' | 'notifiedAt' | 'how'}`;
const resolve = fieldResolver<Field>(['actionsTaken', 'normalOperationVerified', 'notifiedParties'], {}, [
  /^notifiedParties\.\d+\.(party|notifiedAt|how)$/,
]);

const toValues = (r: IncidentDetail['recovery']): Values => ({
  actionsTaken: r?.actionsTaken ?? '',
  normalOperationVerified: r?.normalOperationVerified ?? false,
  notifiedParties: (r?.notifiedParties ?? []).map((p) => ({
    party: p.party,
    notifiedAt: isoToOrgWall(p.notifiedAt),
    how: p.how ?? '',
  })),
});

const toBody = (v: Values): RecoveryRequest => ({
  actionsTaken: v.actionsTaken.trim() || null,
  normalOperationVerified: v.normalOperationVerified,
  notifiedParties: v.notifiedParties.map((p) => ({
    party: p.party.trim(),
    notifiedAt: orgWallToIso(p.notifiedAt),
    how: p.how.trim() || null,
  })),
});

export function RecoveryForm({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const record = useRecordRecovery();
  const r = incident.recovery;
  const cmd = useCommandForm({
    schema,
    defaultValues: toValues(r),
    version: incident.version,
    resolve,
    mutation: record,
    toInput: (v: Values) => ({ id: incident.id, version: incident.version, body: toBody(v) }),
    onSuccess: () => saved(),
  });
  const {
    control,
    register,
    formState: { errors },
  } = cmd.form;
  const parties = useFieldArray({ control, name: 'notifiedParties' });

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('recovery.formTitle')}>
      <Stack gap="md">
        <ChangedNotice shown={cmd.changedUnderneath} onDiscard={cmd.discard} />
        <Textarea
          label={t('recovery.actionsTaken')}
          description={t('recovery.actionsTakenHelp')}
          autosize
          minRows={3}
          error={errorText(errors.actionsTaken?.message)}
          {...register('actionsTaken')}
        />
        <Checkbox
          id={stageFieldId('normalOperationVerified')}
          label={t('recovery.normalOperationVerified')}
          description={
            r?.normalOperationVerified && r.verifiedAt
              ? t('recovery.verifiedBy', { name: r.verifiedByName ?? '', time: formatDateTime(r.verifiedAt, i18n.language) })
              : t('recovery.normalOperationHelp')
          }
          error={errorText(errors.normalOperationVerified?.message)}
          {...register('normalOperationVerified')}
        />
        <Fieldset legend={t('recovery.notifiedParties')} variant="filled" id={stageFieldId('notifiedParties')}>
          <Stack gap="sm">
            {parties.fields.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('recovery.noParties')}
              </Text>
            )}
            {parties.fields.map((f, idx) => (
              <RepeatableCard
                key={f.id}
                title={t('recovery.partyN', { n: idx + 1 })}
                removeLabel={t('recovery.removeParty', { n: idx + 1 })}
                onRemove={() => parties.remove(idx)}
              >
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
                  <TextInput
                    label={t('recovery.party')}
                    placeholder={t('recovery.partyPlaceholder')}
                    withAsterisk
                    error={errorText(errors.notifiedParties?.[idx]?.party?.message)}
                    {...register(`notifiedParties.${idx}.party`)}
                  />
                  <Controller
                    control={control}
                    name={`notifiedParties.${idx}.notifiedAt`}
                    render={({ field }) => (
                      <DateTimeField
                        label={t('recovery.notifiedAt')}
                        withAsterisk
                        max={toOrgWall(new Date())}
                        value={field.value}
                        onChange={field.onChange}
                        onBlur={field.onBlur}
                        inputRef={field.ref}
                        error={errorText(errors.notifiedParties?.[idx]?.notifiedAt?.message)}
                      />
                    )}
                  />
                  <TextInput
                    label={t('recovery.how')}
                    placeholder={t('recovery.howPlaceholder')}
                    error={errorText(errors.notifiedParties?.[idx]?.how?.message)}
                    {...register(`notifiedParties.${idx}.how`)}
                  />
                </SimpleGrid>
              </RepeatableCard>
            ))}
            <Button
              variant="light"
              leftSection={<IconPlus size={16} aria-hidden />}
              onClick={() => parties.append({ party: '', notifiedAt: toOrgWall(new Date()), how: '' })}
              w="fit-content"
            >
              {t('recovery.addParty')}
            </Button>
          </Stack>
        </Fieldset>
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group>
          <Button type="submit" loading={cmd.isPending}>
            {t('recovery.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
