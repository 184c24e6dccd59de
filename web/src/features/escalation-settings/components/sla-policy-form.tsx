import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, Checkbox, Group, NumberInput, Paper, Stack, Table, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconInfoCircle } from '@tabler/icons-react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { SeverityBadge } from '@/components/ui/severity-badge';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import type { Severity, SlaPolicyView, SlaRow, SlaSpan } from '@/types';
import { useSaveSlaPolicy } from '../api/save-sla-policy';
import { useSlaPolicy } from '../api/get-sla-policy';
import { notify } from '@/lib/notify';

const COLUMNS = ['acknowledge', 'triage', 'reminder'] as const;
type Column = (typeof COLUMNS)[number];

const span = z
  .object({
    minutes: z.union([z.number().int('sla.minutesRange').min(1, 'sla.minutesRange').max(43_200, 'sla.minutesRange'), z.literal('')]),
    nextBusinessDay: z.boolean(),
    /** a seconds-only span (drills, tests) kept as it was while the minutes stay empty */
    seconds: z.number().nullable(),
  })
  .refine((s) => s.nextBusinessDay || s.minutes !== '' || s.seconds != null, { message: 'sla.minutesRequired', path: ['minutes'] });
/** Briefings for the executives: an interval in minutes, or off (high and critical only; the others stay off). */
const briefing = z
  .object({
    minutes: z.union([z.number().int('sla.minutesRange').min(1, 'sla.minutesRange').max(43_200, 'sla.minutesRange'), z.literal('')]),
    off: z.boolean(),
    seconds: z.number().nullable(),
  })
  .refine((b) => b.off || b.minutes !== '' || b.seconds != null, { message: 'sla.briefingRequired', path: ['minutes'] });
const BRIEFED = ['high', 'critical'];
const schema = z.object({
  rows: z.array(z.object({ severity: z.string(), acknowledge: span, triage: span, reminder: span, briefing })),
});
type Values = z.infer<typeof schema>;

const toSpan = (s: SlaSpan) => ({ minutes: s.minutes ?? ('' as const), nextBusinessDay: s.nextBusinessDay, seconds: s.seconds ?? null });

const isOff = (s?: SlaSpan | null) => !s || (s.minutes == null && s.seconds == null && !s.nextBusinessDay);

const toBriefing = (s?: SlaSpan | null) => ({
  minutes: isOff(s) ? ('' as const) : (s?.minutes ?? ('' as const)),
  off: isOff(s),
  seconds: s?.seconds ?? null,
});

function fromBriefing(v: Values['rows'][number]['briefing'], original?: SlaSpan | null): SlaSpan {
  if (v.off) return { nextBusinessDay: false, minutes: null };
  const minutes = v.minutes === '' ? null : v.minutes;
  const seconds = v.seconds != null && (original?.minutes ?? null) === minutes ? v.seconds : undefined;
  return { nextBusinessDay: false, minutes, ...(seconds != null ? { seconds } : {}) };
}

function fromSpan(v: Values['rows'][number][Column], original?: SlaSpan): SlaSpan {
  if (v.nextBusinessDay) return { nextBusinessDay: true, minutes: null };
  const minutes = v.minutes === '' ? null : v.minutes;
  // keep a seconds override (used by drills and tests) only while the minutes are unchanged
  const seconds = v.seconds != null && (original?.minutes ?? null) === minutes ? v.seconds : undefined;
  return { nextBusinessDay: false, minutes, ...(seconds != null ? { seconds } : {}) };
}

function SlaTable({ data }: { data: SlaPolicyView }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const save = useSaveSlaPolicy();
  const { control, handleSubmit, formState } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      rows: data.policy.rows.map((r) => ({
        severity: r.severity,
        ...(Object.fromEntries(COLUMNS.map((c) => [c, toSpan(r[c])])) as Record<Column, ReturnType<typeof toSpan>>),
        briefing: toBriefing(r.briefing),
      })),
    },
  });
  const rows = useWatch({ control, name: 'rows' });
  const phone = useMediaQuery('(max-width: 48em)');

  const onSubmit = handleSubmit((v) => {
    const policyRows: SlaRow[] = v.rows.map((r, i) => {
      const orig = data.policy.rows[i];
      return {
        severity: r.severity,
        acknowledge: fromSpan(r.acknowledge, orig?.acknowledge),
        triage: fromSpan(r.triage, orig?.triage),
        reminder: fromSpan(r.reminder, orig?.reminder),
        briefing: BRIEFED.includes(r.severity) ? fromBriefing(r.briefing, orig?.briefing) : { nextBusinessDay: false, minutes: null },
      };
    });
    save.mutate(
      { policy: { ...data.policy, rows: policyRows }, version: data.version },
      {
        onSuccess: () => notify(t('sla.saved')),
        onError: (e) => {
          if (isApiError(e) && e.status === 412) notify(t('chains.stale'), 'warning');
        },
      },
    );
  });

  const sevLabel = (s: string) => (s === 'unrated' ? t('severity.unrated') : t(`severity.${s}`));

  /**
   * One span of one severity: minutes and a box beside them: "next business day" for a deadline, "no scheduled
   * briefing" for the briefing interval (either box empties the minutes).
   */
  const spanCell = (i: number, key: Column | 'briefing', texts: { title: string; minutes: string; box: string; boxAria: string }, labelled: boolean) => {
    const value = rows?.[i]?.[key];
    const boxed = key === 'briefing' ? (rows?.[i]?.briefing?.off ?? false) : (rows?.[i]?.[key]?.nextBusinessDay ?? false);
    const secondsOnly = !boxed && value?.minutes === '' && value?.seconds != null;
    const boxName = (key === 'briefing' ? `rows.${i}.briefing.off` : `rows.${i}.${key}.nextBusinessDay`) as `rows.${number}.briefing.off`;
    const minutes = (
      <Controller
        control={control}
        name={`rows.${i}.${key}.minutes`}
        render={({ field }) => (
          <NumberInput
            aria-label={texts.minutes}
            value={field.value}
            onChange={(v) => field.onChange(typeof v === 'number' ? v : v === '' ? '' : Number(v))}
            onBlur={field.onBlur}
            min={1}
            max={43_200}
            clampBehavior="none"
            allowDecimal={false}
            allowNegative={false}
            disabled={boxed}
            placeholder={secondsOnly ? t('sla.seconds', { n: value?.seconds ?? 0 }) : undefined}
            rightSection={<Text size="xs" c="dimmed">{t('sla.minutes')}</Text>}
            rightSectionWidth={36}
            w={labelled ? 100 : 120}
            size="xs"
            error={errorText(formState.errors.rows?.[i]?.[key]?.minutes?.message)}
          />
        )}
      />
    );
    const box = (
      <Controller
        control={control}
        name={boxName}
        render={({ field }) => (
          <Checkbox
            size="xs"
            mt={labelled ? 6 : undefined}
            label={texts.box}
            aria-label={texts.boxAria}
            checked={field.value}
            onChange={(e) => field.onChange(e.currentTarget.checked)}
          />
        )}
      />
    );
    // phone card: the span's name above, minutes and the box side by side
    return labelled ? (
      <Stack gap={2}>
        <Text size="sm" fw={500}>
          {texts.title}
        </Text>
        <Group gap={8} wrap="nowrap" align="flex-start">
          {minutes}
          {box}
        </Group>
      </Stack>
    ) : (
      <Stack gap={4}>
        {minutes}
        {box}
      </Stack>
    );
  };

  /** The minutes and the next-business-day box of one severity and one deadline. */
  const cell = (i: number, severity: string, c: Column, labelled = false) => {
    const labelArgs = { severity: sevLabel(severity), column: t(`sla.${c}`) };
    return spanCell(
      i,
      c,
      {
        title: t(`sla.${c}`),
        minutes: t('sla.minutesLabel', labelArgs),
        box: t('sla.nextBusinessDay'),
        boxAria: t('sla.nextBusinessDayLabel', labelArgs),
      },
      labelled,
    );
  };

  /** The briefing interval of a high or critical row (minutes, or off); other severities are not briefed. */
  const briefingCell = (i: number, severity: string, labelled = false) => {
    if (!BRIEFED.includes(severity))
      return (
        <Text size="xs" c="dimmed">
          {t('sla.briefingNotApplicable')}
        </Text>
      );
    const labelArgs = { severity: sevLabel(severity) };
    return spanCell(
      i,
      'briefing',
      {
        title: t('sla.briefing'),
        minutes: t('sla.briefingMinutesLabel', labelArgs),
        box: t('sla.briefingOff'),
        boxAria: t('sla.briefingOffLabel', labelArgs),
      },
      labelled,
    );
  };

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('sla.title')}>
      <Stack gap="md">
        <Alert color="blue" icon={<IconInfoCircle size={18} />}>
          <Text size="sm">{t('sla.note')}</Text>
          <Text size="sm" mt={4}>
            {t('sla.briefingNote')}
          </Text>
          {data.isDefault && (
            <Text size="xs" c="dimmed">
              {t('sla.defaultNote')}
            </Text>
          )}
        </Alert>
        {phone ? (
          // On a phone: one card per severity, the three deadlines one under the other (no sideways scrolling).
          <Stack gap="sm">
            {data.policy.rows.map((r, i) => (
              <Paper key={r.severity} withBorder radius="md" p="sm" data-testid="sla-row" data-severity={r.severity}>
                <Group mb="xs">
                  <SeverityBadge severity={r.severity === 'unrated' ? null : (r.severity as Severity)} size="sm" />
                </Group>
                <Stack gap="xs">
                  {COLUMNS.map((c) => (
                    <div key={c}>{cell(i, r.severity, c, true)}</div>
                  ))}
                  {BRIEFED.includes(r.severity) && <div>{briefingCell(i, r.severity, true)}</div>}
                </Stack>
              </Paper>
            ))}
          </Stack>
        ) : (
          <Table.ScrollContainer minWidth={760}>
            <Table withTableBorder verticalSpacing="sm" aria-label={t('sla.title')}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('sla.severity')}</Table.Th>
                  {COLUMNS.map((c) => (
                    <Table.Th key={c}>{t(`sla.${c}`)}</Table.Th>
                  ))}
                  <Table.Th>{t('sla.briefing')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.policy.rows.map((r, i) => (
                  <Table.Tr key={r.severity} data-testid="sla-row" data-severity={r.severity}>
                    <Table.Td>
                      <SeverityBadge severity={r.severity === 'unrated' ? null : (r.severity as Severity)} size="sm" />
                    </Table.Td>
                    {COLUMNS.map((c) => (
                      <Table.Td key={c}>{cell(i, r.severity, c)}</Table.Td>
                    ))}
                    <Table.Td>{briefingCell(i, r.severity)}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
        <Text size="xs" c="dimmed">
          {t('sla.timeZone', { tz: data.policy.timeZone, hour: data.policy.businessDayStartHour })}
        </Text>
        <ProblemAlert error={save.error} fieldErrorsShown={false} />
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('sla.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The SLA policy as a table per severity; saved with If-Match (version 0 while the default is in force). */
export function SlaPolicyForm() {
  const query = useSlaPolicy();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  return <SlaTable key={query.data.version} data={query.data} />;
}
