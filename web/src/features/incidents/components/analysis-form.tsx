import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Checkbox, Fieldset, Group, SimpleGrid, Stack, TextInput, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import type { AnalysisRequest, FiveWValue, IncidentDetail } from '@/types';
import { useRecordAnalysis } from '../api/record-analysis';
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

export function AnalysisForm({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const record = useRecordAnalysis();
  const [messages, setMessages] = useState<string[]>([]);
  const a = incident.analysis;
  const {
    register,
    handleSubmit,
    watch,
    setError,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
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
    },
  });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    const body: AnalysisRequest = {
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
    };
    record.mutate(
      { id: incident.id, version: incident.version, body },
      {
        onSuccess: () => saved(),
        onError: (e) => {
          if (isApiError(e) && e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
        },
      },
    );
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('analysis.formTitle')}>
      <Stack gap="md">
        <Fieldset legend={t('analysis.fiveW1H')} variant="filled">
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {FIVE_W.map((w) => {
              const unknown = watch(`${w}.unknown`);
              return (
                <Stack key={w} gap={4}>
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
            label={t(`analysis.${f}`)}
            description={t(`analysis.${f}Help`)}
            autosize
            minRows={2}
            error={errorText(errors[f]?.message)}
            {...register(f)}
          />
        ))}
        <ProblemAlert error={record.error} messages={messages} />
        <Group>
          <Button type="submit" loading={record.isPending}>
            {t('analysis.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
