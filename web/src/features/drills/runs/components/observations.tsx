import { Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Textarea, Title } from '@mantine/core';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { useCommandForm } from '@/lib/use-command-form';
import type { DrillDetail } from '@/types';
import { useRecordObservation } from '../api/drill-command';

const observationSchema = z.object({
  kind: z.enum(['strength', 'area_for_improvement']),
  text: z.string().trim().min(1, 'drillRuns.validation.observationRequired').max(2000, 'validation.max2000'),
});

function ObservationForm({ drill }: { drill: DrillDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const observe = useRecordObservation();
  const cmd = useCommandForm({
    schema: observationSchema,
    defaultValues: { kind: 'strength' as const, text: '' },
    resolve: fieldResolver(['kind', 'text'] as const),
    mutation: observe,
    toInput: (v: z.output<typeof observationSchema>) => ({ id: drill.id, body: { kind: v.kind, text: v.text, injectId: null, actionId: null } }),
  });
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('drillRuns.observations.add')} data-testid="observation-form">
      <Stack gap="xs">
        <Controller
          control={cmd.form.control}
          name="kind"
          render={({ field }) => (
            <SegmentedControl
              value={field.value}
              onChange={field.onChange}
              data={[
                { value: 'strength', label: t('drillRuns.observations.kind.strength') },
                { value: 'area_for_improvement', label: t('drillRuns.observations.kind.area_for_improvement') },
              ]}
            />
          )}
        />
        <Textarea label={t('drillRuns.observations.text')} withAsterisk autosize minRows={2} error={errorText(cmd.form.formState.errors.text?.message)} {...cmd.form.register('text')} />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Button type="submit" variant="light" loading={cmd.isPending} w="fit-content">
          {t('drillRuns.observations.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** Observations by the facilitator and evaluators: strengths and areas for improvement. */
export function ObservationsPanel({ drill }: { drill: DrillDetail }) {
  const { t, i18n } = useTranslation();
  const items = drill.observations ?? [];
  const canObserve = drill.you.evaluates && drill.status !== 'scheduled' && drill.status !== 'cancelled';
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('drillRuns.observations.heading')} data-testid="observations-panel">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('drillRuns.observations.heading')} ({items.length})
        </Title>
        {items.map((o) => (
          <Paper key={o.observationId} withBorder p="xs" radius="sm" data-testid="observation" data-kind={o.kind}>
            <Group gap="xs" mb={2}>
              <Badge color={o.kind === 'strength' ? 'green' : 'orange'} radius="sm" tt="none" size="sm">
                {t(`drillRuns.observations.kind.${o.kind}`)}
              </Badge>
              <Text size="xs" c="dimmed">
                {o.byName ?? '—'} ・ {formatDateTime(o.at, i18n.language)}
              </Text>
            </Group>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {o.text}
            </Text>
          </Paper>
        ))}
        {canObserve && <ObservationForm drill={drill} />}
      </Stack>
    </Paper>
  );
}
