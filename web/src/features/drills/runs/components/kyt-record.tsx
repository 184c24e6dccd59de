import { Button, List, Paper, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ChangedNotice } from '@/components/ui/changed-notice';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { useCommandForm } from '@/lib/use-command-form';
import type { DrillDetail } from '@/types';
import { useRecordKyt } from '../api/drill-command';

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

const linesField = z.string().superRefine((v, ctx) => {
  const items = lines(v);
  if (items.length > 10) ctx.addIssue({ code: 'custom', message: 'drillRuns.validation.max10Lines' });
  if (items.some((l) => l.length > 500)) ctx.addIssue({ code: 'custom', message: 'validation.max500' });
  if (items.some((l) => /\p{Cc}/u.test(l))) ctx.addIssue({ code: 'custom', message: 'validation.controlChars' });
});

const kytSchema = z.object({
  keyPoints: linesField,
  countermeasures: linesField,
  teamGoal: z
    .string()
    .trim()
    .min(1, 'drillRuns.validation.teamGoalRequired')
    .max(500, 'validation.max500')
    .refine((v) => !/\p{Cc}/u.test(v), 'validation.oneLine'),
});
type KytField = 'keyPoints' | 'countermeasures' | 'teamGoal';
/** keyPoints.3 -> the key points box */
const resolveKytKey = (key: string): KytField | null => {
  const k = key.replace(/^body\./, '').split('.')[0] ?? '';
  return k === 'keyPoints' || k === 'countermeasures' || k === 'teamGoal' ? k : null;
};

/** The team's 2R-4R as recorded: key points, countermeasures, the team goal. */
export function KytSummary({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const k = drill.kyt;
  if (!k)
    return (
      <Text size="sm" c="dimmed">
        {t('drillRuns.kyt.noRecord')}
      </Text>
    );
  return (
    <Stack gap={6} data-testid="kyt-summary">
      <Text size="xs" fw={700} c="dimmed">
        {t('drillRuns.kyt.keyPoints')}
      </Text>
      <List size="sm">{k.keyPoints.map((p, i) => <List.Item key={i}>{p}</List.Item>)}</List>
      <Text size="xs" fw={700} c="dimmed">
        {t('drillRuns.kyt.countermeasures')}
      </Text>
      <List size="sm">{k.countermeasures.map((p, i) => <List.Item key={i}>{p}</List.Item>)}</List>
      <Text size="xs" fw={700} c="dimmed">
        {t('drillRuns.kyt.teamGoal')}
      </Text>
      <Text fw={700}>{k.teamGoal}</Text>
    </Stack>
  );
}

/** The facilitator records the team's 2R-4R after the reveal (replaces the earlier record; If-Match). */
export function KytForm({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const record = useRecordKyt();
  const cmd = useCommandForm({
    schema: kytSchema,
    version: drill.version,
    defaultValues: {
      keyPoints: drill.kyt?.keyPoints.join('\n') ?? '',
      countermeasures: drill.kyt?.countermeasures.join('\n') ?? '',
      teamGoal: drill.kyt?.teamGoal ?? '',
    },
    resolve: resolveKytKey,
    mutation: record,
    toInput: (v: z.output<typeof kytSchema>) => ({
      id: drill.id,
      version: drill.version,
      body: { keyPoints: lines(v.keyPoints), countermeasures: lines(v.countermeasures), teamGoal: v.teamGoal },
    }),
  });
  const { errors } = cmd.form.formState;
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('drillRuns.kyt.recordTitle')} data-testid="kyt-form">
      <Stack gap="xs">
        <ChangedNotice shown={cmd.changedUnderneath} onDiscard={cmd.discard} />
        <Textarea label={t('drillRuns.kyt.keyPoints')} description={t('drillRuns.kyt.onePerLine')} autosize minRows={2} error={errorText(errors.keyPoints?.message)} {...cmd.form.register('keyPoints')} />
        <Textarea label={t('drillRuns.kyt.countermeasures')} description={t('drillRuns.kyt.onePerLine')} autosize minRows={2} error={errorText(errors.countermeasures?.message)} {...cmd.form.register('countermeasures')} />
        <TextInput label={t('drillRuns.kyt.teamGoal')} withAsterisk error={errorText(errors.teamGoal?.message)} {...cmd.form.register('teamGoal')} />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Button type="submit" color="grape" loading={cmd.isPending} w="fit-content">
          {t('drillRuns.kyt.recordSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

/** 2R-4R on the console: the form for the facilitator once the reveal is shown, the record for everyone else. */
export function KytPanel({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.kyt.recordTitle')} data-testid="kyt-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('drillRuns.kyt.recordTitle')}
        </Title>
        {drill.you.facilitates && drill.revealedAt ? <KytForm drill={drill} /> : <KytSummary drill={drill} />}
        {drill.you.facilitates && !drill.revealedAt && (
          <Text size="xs" c="dimmed">
            {t('drillRuns.kyt.afterReveal')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
