import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { ChangedNotice } from '@/components/ui/changed-notice';
import { fieldResolver } from '@/lib/form-errors';
import { useCommandForm } from '@/lib/use-command-form';
import type { AnalysisRequest, FiveWValue, IncidentDetail } from '@/types';
import { useRecordAnalysis } from '../api/record-analysis';
import { stageFieldId } from '../utils/criterion-fields';
import { useSavedNotice } from './use-saved-notice';

const FIVE_W = ['who', 'what', 'when', 'where', 'why', 'how'] as const;
type FiveW = (typeof FIVE_W)[number];

const fiveW = z.object({ value: z.string(), unknown: z.boolean() });
const schema = z.object({
  who: fiveW,
  what: fiveW,
  when: fiveW,
  where: fiveW,
  why: fiveW,
  how: fiveW,
  damage: z.string(),
  scale: z.string(),
  affectedAssets: z.string(),
  cause: z.string(),
  countermeasures: z.string(),
});
type Values = z.infer<typeof schema>;
type TextField = 'damage' | 'scale' | 'affectedAssets' | 'cause' | 'countermeasures';
const TEXT_FIELDS: TextField[] = ['damage', 'scale', 'affectedAssets', 'cause', 'countermeasures'];
type Field = TextField | `${FiveW}.value` | `${FiveW}.unknown`;

const resolve = fieldResolver<Field>(
  [...TEXT_FIELDS, ...FIVE_W.map((w) => `${w}.value` as const), ...FIVE_W.map((w) => `${w}.unknown` as const)],
  Object.fromEntries(FIVE_W.flatMap((w) => [[w, `${w}.value`], [`analysis.${w}`, `${w}.value`]])),
);

const fromRecord = (v: FiveWValue | undefined) => ({ value: v?.value ?? '', unknown: v?.unknown ?? false });
const toRequest = (v: { value: string; unknown: boolean }): FiveWValue => ({
  value: v.unknown || !v.value.trim() ? null : v.value.trim(),
  unknown: v.unknown,
});
const orNull = (s: string) => (s.trim() ? s.trim() : null);

const toValues = (a: IncidentDetail['analysis']): Values => ({
  who: fromRecord(a?.who),
  what: fromRecord(a?.what),
  when: fromRecord(a?.when),
  where: fromRecord(a?.where),
  why: fromRecord(a?.why),
  how: fromRecord(a?.how),
  damage: a?.damage ?? '',
  scale: a?.scale ?? '',
  affectedAssets: a?.affectedAssets ?? '',
  cause: a?.cause ?? '',
  countermeasures: a?.countermeasures ?? '',
});

const toBody = (v: Values): AnalysisRequest => ({
  who: toRequest(v.who),
  what: toRequest(v.what),
  when: toRequest(v.when),
  where: toRequest(v.where),
  why: toRequest(v.why),
  how: toRequest(v.how),
  damage: orNull(v.damage),
  scale: orNull(v.scale),
  affectedAssets: orNull(v.affectedAssets),
  cause: orNull(v.cause),
  countermeasures: orNull(v.countermeasures),
});

export function AnalysisForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const record = useRecordAnalysis();
  const cmd = useCommandForm({
    schema,
    defaultValues: toValues(incident.analysis),
    version: incident.version,
    resolve,
    mutation: record,
    toInput: (v: Values) => ({ id: incident.id, version: incident.version, body: toBody(v) }),
    onSuccess: () => saved(),
  });
  const {
    register,
    watch,
    formState: { errors },
  } = cmd.form;

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('analysis.formTitle')}>
      <Stack gap="md">
        <ChangedNotice shown={cmd.changedUnderneath} onDiscard={cmd.discard} />
        <Fieldset legend={t('analysis.fiveW1H')} variant="filled">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {FIVE_W.map((w) => {
              const unknown = watch(`${w}.unknown`);
              return (
                <Stack key={w} gap={4} id={stageFieldId(w)}>
                  <TextInput
                    label={t(`analysis.w.${w}`)}
                    placeholder={t(`analysis.wHint.${w}`)}
                    disabled={unknown}
                    error={errorText(errors[w]?.value?.message ?? errors[w]?.message)}
                    {...register(`${w}.value`)}
                  />
                  <Checkbox
                    size="xs"
                    label={t('analysis.unknownFor', { field: t(`analysis.w.${w}`) })}
                    {...register(`${w}.unknown`)}
                  />
                </Stack>
              );
            })}
          </SimpleGrid>
        </Fieldset>
        {TEXT_FIELDS.map((f) => (
          <Textarea
            key={f}
            id={stageFieldId(f)}
            label={t(`analysis.${f}`)}
            description={t(`analysis.${f}Help`)}
            autosize
            minRows={2}
            error={errorText(errors[f]?.message)}
            {...register(f)}
          />
        ))}
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group>
          <Button type="submit" loading={cmd.isPending}>
            {t('analysis.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
