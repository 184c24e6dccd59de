import { Badge, Button, Group, List, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconEye } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { useLocalized } from '@/lib/localized';
import { useCommandForm } from '@/lib/use-command-form';
import type { DrillDetail, PredictionView } from '@/types';
import { useDrillLifecycle, useMatchPrediction, usePredict } from '../api/drill-command';

const predictionSchema = z.object({
  text: z
    .string()
    .trim()
    .min(1, 'drillRuns.validation.predictionRequired')
    .max(300, 'drillRuns.validation.max300')
    .refine((v) => !/\p{Cc}/u.test(v), 'validation.oneLine'),
});

/** KYT 1R: a participant writes a risk they foresee (up to three, before the reveal). */
export function PredictionForm({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const predict = usePredict();
  const cmd = useCommandForm({
    schema: predictionSchema,
    defaultValues: { text: '' },
    resolve: fieldResolver(['text'] as const),
    mutation: predict,
    toInput: (v: z.output<typeof predictionSchema>) => ({ id: drill.id, body: { text: v.text } }),
  });
  const left = drill.you.predictionsLeft;
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('drillRuns.kyt.predictTitle')} data-testid="prediction-form">
      <Stack gap="xs">
        <TextInput
          label={t('drillRuns.kyt.predictLabel')}
          description={t('drillRuns.kyt.predictionsLeft', { n: left })}
          withAsterisk
          size="md"
          error={errorText(cmd.form.formState.errors.text?.message)}
          {...cmd.form.register('text')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Button type="submit" size="md" color="grape" loading={cmd.isPending} disabled={left <= 0}>
          {t('drillRuns.kyt.predictSubmit')}
        </Button>
      </Stack>
    </form>
  );
}

function PredictionRow({ drill, p, canMatch }: { drill: DrillDetail; p: PredictionView; canMatch: boolean }) {
  const { t } = useTranslation();
  const match = useMatchPrediction();
  const mark = (matched: boolean) => match.mutate({ id: drill.id, body: { predictionId: p.predictionId, matched } });
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="prediction" data-matched={p.matched == null ? 'unknown' : String(p.matched)}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0} style={{ flex: '1 1 14rem', minWidth: 0 }}>
          <Text size="sm">{p.text}</Text>
          <Text size="xs" c="dimmed">
            {p.participantName ?? '—'}
          </Text>
        </Stack>
        <Group gap={4}>
          {p.matched != null && (
            <Badge color={p.matched ? 'green' : 'gray'} radius="sm" tt="none">
              {p.matched ? t('drillRuns.kyt.matched') : t('drillRuns.kyt.notMatched')}
            </Badge>
          )}
          {canMatch && (
            <>
              <Button size="compact-xs" variant={p.matched === true ? 'filled' : 'light'} color="green" onClick={() => mark(true)}>
                {t('drillRuns.kyt.markMatched')}
              </Button>
              <Button size="compact-xs" variant={p.matched === false ? 'filled' : 'light'} color="gray" onClick={() => mark(false)}>
                {t('drillRuns.kyt.markNotMatched')}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <ProblemAlert error={match.error} />
    </Paper>
  );
}

/** The predictions (1R): before the reveal a participant sees their own, the console everyone's; after it, 2R marks. */
export function PredictionList({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const canMatch = drill.you.evaluates && !!drill.revealedAt;
  if (drill.predictions.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('drillRuns.kyt.noPredictions')}
      </Text>
    );
  return (
    <Stack gap={6} data-testid="prediction-list">
      {drill.predictions.map((p) => (
        <PredictionRow key={p.predictionId} drill={drill} p={p} canMatch={canMatch} />
      ))}
    </Stack>
  );
}

/** What really happened (【発生した事故】) and its root causes, once shown. */
export function RevealCard({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const l = useLocalized();
  if (!drill.reveal) return null;
  return (
    <Paper withBorder p="sm" radius="sm" bg="yellow.0" data-testid="drill-reveal" component="section" aria-label={t('drillRuns.kyt.revealTitle')}>
      <Stack gap={6}>
        <Group gap="xs">
          <Text fw={700}>{t('drillRuns.kyt.revealTitle')}</Text>
          {!drill.revealedAt && (
            <Badge color="gray" variant="outline" radius="sm" tt="none">
              {t('drillRuns.kyt.notShownYet')}
            </Badge>
          )}
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {l(drill.reveal.accident)}
        </Text>
        {drill.reveal.rootCauses.length > 0 && (
          <>
            <Text size="xs" fw={700} c="dimmed">
              {t('drillRuns.kyt.rootCauses')}
            </Text>
            <List size="sm" spacing={2}>
              {drill.reveal.rootCauses.map((c, i) => (
                <List.Item key={i}>{l(c)}</List.Item>
              ))}
            </List>
          </>
        )}
        {drill.reveal.regulatoryAnswer && (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
            {t('drillRuns.kyt.regulatory')}: {l(drill.reveal.regulatoryAnswer)}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** The console's KYT panel: predictions, the reveal button and the reveal. */
export function PredictionsPanel({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const reveal = useDrillLifecycle();
  const canReveal = drill.you.facilitates && !drill.revealedAt && drill.status !== 'scheduled' && drill.status !== 'cancelled';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.kyt.predictionsTitle')} data-testid="predictions-panel">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4">
            {t('drillRuns.kyt.predictionsTitle')} ({drill.predictions.length})
          </Title>
          {canReveal && (
            <Button
              color="yellow"
              leftSection={<IconEye size={16} aria-hidden />}
              loading={reveal.isPending}
              onClick={() => reveal.mutate({ id: drill.id, version: drill.version, body: { action: 'reveal' } })}
            >
              {t('drillRuns.kyt.reveal')}
            </Button>
          )}
        </Group>
        <ProblemAlert error={reveal.error} />
        <PredictionList drill={drill} />
        <RevealCard drill={drill} />
      </Stack>
    </Paper>
  );
}
