import { zodResolver } from '@hookform/resolvers/zod';
import {
  Accordion,
  Alert,
  Autocomplete,
  Button,
  Checkbox,
  Chip,
  Group,
  Paper,
  Radio,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconHeartHandshake } from '@tabler/icons-react';
import { useEffect, useRef, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import { orgWallToday, orgWallToIso, toOrgWall } from '@/lib/format';
import { DateShown, DateTimeField } from '@/components/ui/date-fields';
import { CATEGORIES, type Category, type FileReportRequest, type IncidentDetail } from '@/types';
import { useFileReport } from '../api/file-report';
import { useDepartments } from '../api/get-departments';

/** Categories whose first step is to cut the device off the network (R2). */
const DISCONNECT_CATEGORIES: readonly Category[] = ['C1', 'C2'];

const FUTURE_TOLERANCE_MS = 60_000;

const reportSchema = z
  .object({
    category: z.union([z.enum(CATEGORIES), z.literal('')]),
    summary: z.string().trim().min(1, 'validation.summaryRequired').max(4000, 'validation.summaryTooLong'),
    noticedAt: z
      .string()
      .min(1, 'validation.noticedRequired')
      .refine((v) => orgWallToIso(v) !== '', 'validation.noticedInvalid')
      .refine((v) => Date.parse(orgWallToIso(v)) <= Date.now() + FUTURE_TOLERANCE_MS, 'validation.noticedFuture'),
    contact: z.string().trim().max(200, 'validation.contactTooLong'),
    deviceId: z.string().trim().max(100, 'validation.deviceIdTooLong'),
    department: z.string().trim().max(100, 'validation.departmentTooLong'),
    personalDataMayBeInvolved: z.boolean(),
    disconnected: z.enum(['', 'yes', 'no']),
  })
  .superRefine((v, ctx) => {
    if (v.category === '') ctx.addIssue({ code: 'custom', path: ['category'], message: 'validation.categoryRequired' });
    if (v.category !== '' && DISCONNECT_CATEGORIES.includes(v.category) && v.disconnected === '') {
      ctx.addIssue({ code: 'custom', path: ['disconnected'], message: 'validation.disconnectRequired' });
    }
  });

type ReportValues = z.infer<typeof reportSchema>;
type ReportField = keyof ReportValues;

type WhenChip = 'now' | 'hour' | 'today' | 'earlier';

function whenFor(chip: WhenChip, current: string): string {
  const now = new Date();
  switch (chip) {
    case 'now':
      return toOrgWall(now);
    case 'hour':
      return toOrgWall(new Date(now.getTime() - 60 * 60_000));
    case 'today': {
      // 09:00 on the organisation's calendar, or midnight when it is not 09:00 yet.
      const morning = orgWallToday(9, now);
      return Date.parse(orgWallToIso(morning)) > now.getTime() ? orgWallToday(0, now) : morning;
    }
    case 'earlier':
      return current;
  }
}

function toFileReportRequest(v: ReportValues): FileReportRequest {
  const category = v.category as Category;
  const body: FileReportRequest = {
    category,
    summary: v.summary.trim(),
    noticedAt: orgWallToIso(v.noticedAt),
    personalDataMayBeInvolved: v.personalDataMayBeInvolved,
  };
  if (v.contact.trim()) body.contact = v.contact.trim();
  if (v.deviceId.trim()) body.deviceId = v.deviceId.trim();
  if (v.department.trim()) body.department = v.department.trim();
  if (DISCONNECT_CATEGORIES.includes(category)) body.disconnectedFromNetwork = v.disconnected === 'yes';
  return body;
}

const resolveField = fieldResolver<ReportField>(
  ['category', 'summary', 'noticedAt', 'contact', 'deviceId', 'department', 'personalDataMayBeInvolved'],
  { disconnectedFromNetwork: 'disconnected' },
);

interface Props {
  onFiled: (incident: IncidentDetail) => void;
}

/** The one-minute report (R1, R2, R38): category, what happened, when; everything else optional. */
export function ReportForm({ onFiled }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const fileReport = useFileReport();
  const [whenChip, setWhenChip] = useState<WhenChip>('now');
  const [moreOpen, setMoreOpen] = useState<string | null>(null);
  const [formMessages, setFormMessages] = useState<string[]>([]);
  const noticedRef = useRef<HTMLButtonElement | HTMLInputElement | null>(null);
  // Asked for only when the optional details are opened: the one-minute path makes no extra request.
  const departments = useDepartments(moreOpen === 'more');

  const {
    control,
    register,
    handleSubmit,
    setValue,
    getValues,
    watch,
    setError,
    formState: { errors },
  } = useForm<ReportValues>({
    resolver: zodResolver(reportSchema),
    defaultValues: {
      category: '',
      summary: '',
      noticedAt: toOrgWall(new Date()),
      contact: '',
      deviceId: '',
      department: '',
      personalDataMayBeInvolved: false,
      disconnected: '',
    },
  });

  const category = watch('category');
  const needsDisconnect = category !== '' && DISCONNECT_CATEGORIES.includes(category);
  const disconnectRef = useRef<HTMLDivElement | null>(null);
  // On a phone the instruction appears below eleven cards: bring it into view so it is not missed.
  useEffect(() => {
    if (needsDisconnect) disconnectRef.current?.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
  }, [needsDisconnect]);

  const onSubmit = handleSubmit(
    (values) => {
      setFormMessages([]);
      // "just now" means the moment of sending, not the moment the page opened.
      const v = whenChip === 'now' ? { ...values, noticedAt: toOrgWall(new Date()) } : values;
      fileReport.mutate(toFileReportRequest(v), {
        onSuccess: (incident) => onFiled(incident),
        onError: (error) => {
          if (isApiError(error) && error.status === 400) {
            const rest = applyServerErrors(error, { resolve: resolveField, setError });
            if (Object.keys(error.errors).some((k) => /contact|deviceId|department/i.test(k))) setMoreOpen('more');
            setFormMessages(rest);
          }
        },
      });
    },
    (errs) => {
      if (errs.contact || errs.deviceId || errs.department) setMoreOpen('more');
    },
  );

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-labelledby="report-title">
      <Stack gap="lg">
        <div>
          <Title order={1} id="report-title" size="h2">
            {t('report.title')}
          </Title>
          <Text c="dimmed" mt={4}>
            {t('report.intro')}
          </Text>
        </div>

        <Alert color="blue" variant="light" icon={<IconHeartHandshake aria-hidden />} title={t('report.reassuranceTitle')}>
          {t('report.reassurance')}
        </Alert>

        <Controller
          control={control}
          name="category"
          render={({ field }) => (
            <Radio.Group
              value={field.value}
              onChange={(v) => {
                field.onChange(v);
                if (!DISCONNECT_CATEGORIES.includes(v as Category)) setValue('disconnected', '');
              }}
              label={t('report.categoryLabel')}
              description={t('report.categoryHelp')}
              withAsterisk
              error={errorText(errors.category?.message)}
              name="category"
            >
              <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="xs" mt="xs">
                {CATEGORIES.map((c) => (
                  <Radio.Card
                    key={c}
                    value={c}
                    aria-label={t(`category.${c}`)}
                    radius="md"
                    p="sm"
                    data-testid={`category-${c}`}
                    onBlur={field.onBlur}
                  >
                    <Group wrap="nowrap" align="flex-start" gap="sm">
                      <Radio.Indicator mt={2} />
                      <div>
                        <Text fw={600} size="md" lh={1.35}>
                          {t(`category.${c}`)}
                        </Text>
                        <Text size="xs" c="dimmed" mt={2}>
                          {t(`categoryHint.${c}`)}
                        </Text>
                      </div>
                    </Group>
                  </Radio.Card>
                ))}
              </SimpleGrid>
            </Radio.Group>
          )}
        />

        {needsDisconnect && (
          <Alert
            ref={disconnectRef}
            color="red"
            variant="filled"
            icon={<IconAlertTriangle aria-hidden />}
            title={t('report.disconnect.title')}
            role="alert"
          >
            <Stack gap="sm">
              <Text size="sm">{t('report.disconnect.body')}</Text>
              <Paper p="sm" radius="sm" c="dark.9">
                <Controller
                  control={control}
                  name="disconnected"
                  render={({ field }) => (
                    <Radio.Group
                      value={field.value}
                      onChange={field.onChange}
                      label={t('report.disconnect.question')}
                      withAsterisk
                      error={errorText(errors.disconnected?.message)}
                      name="disconnected"
                    >
                      <Stack gap="xs" mt="xs">
                        <Radio value="yes" label={t('report.disconnect.yes')} />
                        <Radio value="no" label={t('report.disconnect.no')} />
                      </Stack>
                    </Radio.Group>
                  )}
                />
                {watch('disconnected') === 'no' && (
                  <Text size="sm" mt="xs" c="red.8">
                    {t('report.disconnect.noFollowup')}
                  </Text>
                )}
              </Paper>
            </Stack>
          </Alert>
        )}

        <Textarea
          label={t('report.summaryLabel')}
          description={t('report.summaryHelp')}
          placeholder={t('report.summaryPlaceholder')}
          withAsterisk
          autosize
          minRows={4}
          maxRows={12}
          error={errorText(errors.summary?.message)}
          {...register('summary')}
        />

        <Stack gap={6}>
          <Text size="sm" fw={500} id="noticed-chips-label">
            {t('report.noticedLabel')}
          </Text>
          <Chip.Group
            value={whenChip}
            onChange={(v) => {
              const chip = v as WhenChip;
              setWhenChip(chip);
              setValue('noticedAt', whenFor(chip, getValues('noticedAt')), { shouldValidate: true });
              if (chip === 'earlier') setTimeout(() => noticedRef.current?.focus(), 0);
            }}
          >
            <Group gap="xs" role="radiogroup" aria-labelledby="noticed-chips-label">
              <Chip value="now">{t('report.when.now')}</Chip>
              <Chip value="hour">{t('report.when.hour')}</Chip>
              <Chip value="today">{t('report.when.today')}</Chip>
              <Chip value="earlier">{t('report.when.earlier')}</Chip>
            </Group>
          </Chip.Group>
          <Controller
            control={control}
            name="noticedAt"
            render={({ field }) =>
              whenChip !== 'earlier' ? (
                <DateShown label={t('report.noticedAtLabel')} value={field.value} error={errorText(errors.noticedAt?.message)} maw={320} />
              ) : (
                <DateTimeField
                  label={t('report.noticedAtLabel')}
                  withAsterisk
                  max={toOrgWall(new Date())}
                  value={field.value}
                  onChange={(v) => {
                    setWhenChip('earlier');
                    field.onChange(v);
                  }}
                  onBlur={field.onBlur}
                  inputRef={(el) => {
                    field.ref(el);
                    noticedRef.current = el;
                  }}
                  error={errorText(errors.noticedAt?.message)}
                  maw={320}
                />
              )
            }
          />
        </Stack>

        <Accordion variant="contained" value={moreOpen} onChange={setMoreOpen}>
          <Accordion.Item value="more">
            <Accordion.Control>{t('report.moreDetails')}</Accordion.Control>
            <Accordion.Panel>
              <Stack gap="md">
                <TextInput
                  label={t('report.contactLabel')}
                  description={t('report.contactHelp')}
                  autoComplete="tel"
                  error={errorText(errors.contact?.message)}
                  {...register('contact')}
                />
                <TextInput
                  label={t('report.deviceIdLabel')}
                  description={t('report.deviceIdHelp')}
                  error={errorText(errors.deviceId?.message)}
                  {...register('deviceId')}
                />
                <Controller
                  control={control}
                  name="department"
                  render={({ field }) => (
                    <Autocomplete
                      label={t('report.departmentLabel')}
                      description={t('report.departmentHelp')}
                      data={departments.data?.items ?? []}
                      value={field.value}
                      onChange={field.onChange}
                      onBlur={field.onBlur}
                      ref={field.ref}
                      error={errorText(errors.department?.message)}
                      autoComplete="organization-title"
                    />
                  )}
                />
                <Checkbox
                  label={t('report.personalDataLabel')}
                  description={t('report.personalDataHelp')}
                  error={errorText(errors.personalDataMayBeInvolved?.message)}
                  {...register('personalDataMayBeInvolved')}
                />
              </Stack>
            </Accordion.Panel>
          </Accordion.Item>
        </Accordion>

        <ProblemAlert error={fileReport.error} messages={formMessages} />

        <Button type="submit" size="lg" loading={fileReport.isPending} fullWidth>
          {t('report.submit')}
        </Button>
      </Stack>
    </form>
  );
}
