import { Alert, Badge, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconAlertTriangle, IconSpeakerphone } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { useCommandForm } from '@/lib/use-command-form';
import type { BriefingView, IncidentBriefings, IncidentDetail } from '@/types';
import { useBriefings } from '../api/get-briefings';
import { usePostBriefing } from '../api/post-briefing';
import { useSavedNotice } from './use-saved-notice';

/** The five parts of a briefing, in the order an executive reads them (issue 10 §5). */
const BRIEFING_FIELDS = ['whatHappened', 'impact', 'response', 'unknowns', 'nextDecision'] as const;
type Field = (typeof BRIEFING_FIELDS)[number];

// Line breaks and tabs are fine; other control characters the server refuses (400 naming the field).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const part = z
  .string()
  .trim()
  .min(1, 'validation.required')
  .max(2000, 'validation.max2000')
  .refine((v) => !CONTROL.test(v), 'validation.controlChars');
const schema = z.object({ whatHappened: part, impact: part, response: part, unknowns: part, nextDecision: part });
type Values = z.infer<typeof schema>;
const resolve = fieldResolver<Field>([...BRIEFING_FIELDS]);
const empty: Values = { whatHappened: '', impact: '', response: '', unknowns: '', nextDecision: '' };

function BriefingForm({ incident, number, onDone }: { incident: IncidentDetail; number: number; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const saved = useSavedNotice();
  const post = usePostBriefing();
  const cmd = useCommandForm({
    schema,
    defaultValues: empty,
    resolve,
    mutation: post,
    toInput: (v: Values) => ({ id: incident.id, version: incident.version, body: v }),
    onSuccess: () => {
      saved('briefings.sent');
      onDone();
    },
  });
  const { register, formState } = cmd.form;
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('briefings.formTitle', { number })}>
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {t('briefings.formTitle', { number })}
        </Text>
        <Text size="xs" c="dimmed">
          {t('briefings.formHint')}
        </Text>
        {BRIEFING_FIELDS.map((f) => (
          <Textarea
            key={f}
            label={t(`briefings.${f}`)}
            placeholder={t(`briefings.${f}Placeholder`)}
            autosize
            minRows={2}
            withAsterisk
            error={errorText(formState.errors[f]?.message)}
            {...register(f)}
          />
        ))}
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onDone}>
            {t('briefings.cancel')}
          </Button>
          <Button type="submit" loading={cmd.isPending} leftSection={<IconSpeakerphone size={16} aria-hidden />}>
            {t('briefings.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** One briefing as posted; `heading` (the desk's link to its incident) goes before the number. */
export function BriefingCard({ b, heading }: { b: BriefingView; heading?: ReactNode }) {
  const { t, i18n } = useTranslation();
  return (
    <Paper withBorder p="sm" radius="sm" component="article" data-testid="briefing" aria-label={t('briefings.number', { number: b.number })}>
      <Group gap="xs" mb={6} wrap="wrap">
        {heading}
        <Badge variant="light" size="sm" style={{ textTransform: 'none' }}>
          {t('briefings.number', { number: b.number })}
        </Badge>
        <Text size="xs" c="dimmed">
          {t('briefings.postedBy', { name: b.postedByName ?? '', at: formatDateTime(b.postedAt, i18n.language) })}
        </Text>
      </Group>
      <Stack gap={6}>
        {BRIEFING_FIELDS.map((f) => (
          <div key={f}>
            <Text size="xs" fw={700} c="dimmed">
              {t(`briefings.${f}`)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
              {b[f]}
            </Text>
          </div>
        ))}
      </Stack>
    </Paper>
  );
}

/** The briefings section as shown: due time, the form for those who post, and every briefing newest first. */
export function BriefingsSection({
  incident,
  data,
  canCommand,
  now,
}: {
  incident: IncidentDetail;
  data: IncidentBriefings;
  canCommand: boolean;
  /** fixed time (tests) */
  now?: Date;
}) {
  const { t, i18n } = useTranslation();
  const [writing, { open, close }] = useDisclosure(false);
  const overdue = !!data.nextDueAt && new Date(data.nextDueAt).getTime() <= (now ?? new Date()).getTime();
  return (
    <Stack gap="sm" component="section" aria-labelledby="briefings-title" data-testid="briefings">
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Title order={2} size="h4" id="briefings-title">
          {t('briefings.title')}
        </Title>
        {data.nextDueAt && <CountdownBadge dueAt={data.nextDueAt} label={t('briefings.nextDue')} now={now} />}
      </Group>
      {data.canPost && (
        <Text size="xs" c="dimmed">
          {data.nextDueAt ? t('briefings.intro') : t('briefings.noSchedule')}
        </Text>
      )}
      {data.lateNoticeAt && (
        <Alert color="red" icon={<IconAlertTriangle size={18} />} p="xs">
          <Text size="sm">{t('briefings.lateNotice', { at: formatDateTime(data.lateNoticeAt, i18n.language) })}</Text>
        </Alert>
      )}
      {canCommand &&
        data.canPost &&
        (writing ? (
          <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-0)">
            <BriefingForm incident={incident} number={(data.items[0]?.number ?? 0) + 1} onDone={close} />
          </Paper>
        ) : (
          <Button
            variant={overdue ? 'filled' : 'light'}
            color={overdue ? 'red' : undefined}
            onClick={open}
            leftSection={<IconSpeakerphone size={16} aria-hidden />}
            w="fit-content"
          >
            {t('briefings.write')}
          </Button>
        ))}
      {data.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('briefings.empty')}
        </Text>
      ) : (
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('briefings.list')}
          </Text>
          {data.items.map((b) => (
            <BriefingCard key={b.id} b={b} />
          ))}
        </Stack>
      )}
    </Stack>
  );
}

/**
 * Executive briefings of a high or critical incident (R17), for staff: shown once the incident can be briefed or
 * has been; reporters never reach this (the API refuses them).
 */
export function BriefingsPanel({ incident, canCommand }: { incident: IncidentDetail; canCommand: boolean }) {
  const query = useBriefings(incident.id);
  const data = query.data;
  if (!data || (!data.canPost && data.items.length === 0)) return null;
  return (
    <Paper withBorder p="md" radius="md">
      <BriefingsSection incident={incident} data={data} canCommand={canCommand} />
    </Paper>
  );
}
