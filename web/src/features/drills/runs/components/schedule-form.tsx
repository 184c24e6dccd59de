import { ActionIcon, Alert, Badge, Button, Checkbox, Fieldset, Group, List, NumberInput, Paper, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { Controller, useFieldArray } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { DateTimeField } from '@/components/ui/date-fields';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { pickText } from '@/lib/localized';
import { notify } from '@/lib/notify';
import { useCommandForm } from '@/lib/use-command-form';
import { DRILL_TEAMS, PARTICIPANT_ROLES, type DrillDetail, type DrillScenarioSummary } from '@/types';
import { useDrillPeople, type DrillPerson } from '../api/get-drill-people';
import { useDrillScenario, useDrillScenarios } from '../api/get-drill-scenarios';
import { useScheduleDrill } from '../api/schedule-drill';
import { MAX_PARTICIPANTS, MAX_TIME_SCALE, MIN_TIME_SCALE, resolveScheduleKey, scheduleDefaults, scheduleSchema, toScheduleBody } from '../utils/schedule-values';
import { DrillFormatBadge } from './drill-badges';

/** What the chosen scenario is: category, format, duration, objectives, roles it needs. */
function ScenarioFacts({ scenarioId, summary }: { scenarioId: string; summary: DrillScenarioSummary }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const detail = useDrillScenario(scenarioId);
  return (
    <Paper withBorder p="sm" radius="sm" bg="grape.0" data-testid="scenario-facts">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <DrillFormatBadge format={summary.format} />
          <Badge variant="light" color="gray" radius="sm" tt="none">
            {t(`category.${summary.category}`)}
          </Badge>
          <Text size="sm">{t('drillRuns.schedule.duration', { minutes: summary.durationMinutes })}</Text>
          <Text size="sm" c="dimmed">
            {t('drillRuns.schedule.counts', { injects: summary.injectCount, actions: summary.expectedActionCount })}
          </Text>
          {summary.emailDown && (
            <Badge color="orange" variant="light" radius="sm" tt="none">
              {t('drillRuns.schedule.emailDown')}
            </Badge>
          )}
        </Group>
        <Text size="sm">{pickText(summary.summary, lang)}</Text>
        {detail.data && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="sm">
            <div>
              <Text size="xs" fw={700} c="dimmed">
                {t('drillRuns.schedule.objectives')}
              </Text>
              <List size="sm" spacing={2} data-testid="scenario-objectives">
                {detail.data.objectives.map((o) => (
                  <List.Item key={o.id}>{pickText(o.text, lang)}</List.Item>
                ))}
              </List>
            </div>
            <div>
              <Text size="xs" fw={700} c="dimmed">
                {t('drillRuns.schedule.rolesNeeded')}
              </Text>
              <List size="sm" spacing={2}>
                {detail.data.rolesNeeded.map((r, i) => (
                  <List.Item key={i}>{pickText(r, lang)}</List.Item>
                ))}
              </List>
            </div>
          </SimpleGrid>
        )}
      </Stack>
    </Paper>
  );
}

interface FormProps {
  scenarios: readonly DrillScenarioSummary[];
  people: readonly DrillPerson[];
  meId: string;
  onDone: (created?: DrillDetail) => void;
}

export function ScheduleForm({ scenarios, people, meId, onDone }: FormProps) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const errorText = useErrorText();
  const schedule = useScheduleDrill();
  const cmd = useCommandForm({
    schema: scheduleSchema,
    defaultValues: scheduleDefaults(people.some((p) => p.id === meId && p.facilitates) ? meId : ''),
    resolve: resolveScheduleKey,
    mutation: schedule,
    toInput: (v: z.output<typeof scheduleSchema>) => toScheduleBody(v),
    onSuccess: (created) => {
      notify(t('drillRuns.schedule.done'));
      onDone(created);
    },
  });
  const {
    control,
    watch,
    setValue,
    formState: { errors },
  } = cmd.form;
  const rows = useFieldArray({ control, name: 'participants' });
  const scenarioId = watch('scenarioId');
  const scenario = scenarios.find((s) => s.id === scenarioId);
  const facilitators = people.filter((p) => p.facilitates).map((p) => ({ value: p.id, label: p.name }));
  const everyone = people.map((p) => ({ value: p.id, label: p.name }));

  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('drillRuns.schedule.heading')} data-testid="schedule-form">
      <Stack gap="md">
        <Controller
          control={control}
          name="scenarioId"
          render={({ field }) => (
            <Select
              label={t('drillRuns.schedule.scenario')}
              withAsterisk
              searchable
              data={scenarios.map((s) => ({ value: s.id, label: t('drillRuns.schedule.scenarioOption', { title: pickText(s.title, lang), format: t(`drillRuns.format.${s.format}`), minutes: s.durationMinutes }) }))}
              value={field.value || null}
              onChange={(v) => {
                field.onChange(v ?? '');
                const chosen = scenarios.find((s) => s.id === v);
                if (chosen) setValue('timeScale', chosen.suggestedTimeScale, { shouldDirty: true });
              }}
              error={errorText(errors.scenarioId?.message)}
            />
          )}
        />
        {scenario && <ScenarioFacts scenarioId={scenario.id} summary={scenario} />}
        <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
          <Controller
            control={control}
            name="facilitatorId"
            render={({ field }) => (
              <Select
                label={t('drillRuns.schedule.facilitator')}
                withAsterisk
                searchable
                data={facilitators}
                value={field.value || null}
                onChange={(v) => field.onChange(v ?? '')}
                error={errorText(errors.facilitatorId?.message)}
              />
            )}
          />
          <Controller
            control={control}
            name="plannedStart"
            render={({ field }) => (
              <DateTimeField
                label={t('drillRuns.schedule.plannedStart')}
                withAsterisk
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                inputRef={field.ref}
                error={errorText(errors.plannedStart?.message)}
              />
            )}
          />
          <Controller
            control={control}
            name="timeScale"
            render={({ field }) => (
              <NumberInput
                label={t('drillRuns.schedule.timeScale')}
                description={t('drillRuns.schedule.timeScaleHelp', { n: field.value || 1 })}
                withAsterisk
                min={MIN_TIME_SCALE}
                max={MAX_TIME_SCALE}
                allowDecimal={false}
                value={field.value}
                onChange={(v) => field.onChange(typeof v === 'number' ? v : Number.NaN)}
                onBlur={field.onBlur}
                error={errorText(errors.timeScale?.message)}
              />
            )}
          />
        </SimpleGrid>
        <Fieldset legend={t('drillRuns.schedule.participants')} variant="filled">
          <Stack gap="sm">
            {rows.fields.map((f, i) => (
              <Group key={f.id} align="flex-end" gap="xs" wrap="nowrap" data-testid="schedule-participant">
                <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs" style={{ flex: 1 }}>
                  <Controller
                    control={control}
                    name={`participants.${i}.userId`}
                    render={({ field }) => (
                      <Select
                        label={t('drillRuns.schedule.participantN', { n: i + 1 })}
                        withAsterisk
                        searchable
                        data={everyone}
                        value={field.value || null}
                        onChange={(v) => field.onChange(v ?? '')}
                        error={errorText(errors.participants?.[i]?.userId?.message)}
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`participants.${i}.role`}
                    render={({ field }) => (
                      <Select
                        label={t('drillRuns.schedule.role')}
                        allowDeselect={false}
                        data={PARTICIPANT_ROLES.map((r) => ({ value: r, label: t(`drillRuns.role.${r}`) }))}
                        value={field.value}
                        onChange={(v) => v && field.onChange(v)}
                        error={errorText(errors.participants?.[i]?.role?.message)}
                      />
                    )}
                  />
                  <Controller
                    control={control}
                    name={`participants.${i}.team`}
                    render={({ field }) => (
                      <Select
                        label={t('drillRuns.schedule.team')}
                        allowDeselect={false}
                        data={DRILL_TEAMS.map((r) => ({ value: r, label: t(`drillRuns.team.${r}`) }))}
                        value={field.value}
                        onChange={(v) => v && field.onChange(v)}
                        error={errorText(errors.participants?.[i]?.team?.message)}
                      />
                    )}
                  />
                </SimpleGrid>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  mb={4}
                  disabled={rows.fields.length <= 1}
                  onClick={() => rows.remove(i)}
                  aria-label={t('drillRuns.schedule.removeParticipant', { n: i + 1 })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Group>
            ))}
            {errors.participants?.message && (
              <Text size="sm" c="red">
                {errorText(errors.participants.message)}
              </Text>
            )}
            {rows.fields.length < MAX_PARTICIPANTS && (
              <Button
                variant="light"
                size="xs"
                leftSection={<IconPlus size={14} aria-hidden />}
                onClick={() => rows.append({ userId: '', role: 'player', team: 'responders' })}
                w="fit-content"
              >
                {t('drillRuns.schedule.addParticipant')}
              </Button>
            )}
          </Stack>
        </Fieldset>
        <Controller
          control={control}
          name="announced"
          render={({ field }) => (
            <Checkbox
              label={t('drillRuns.schedule.announced')}
              description={t('drillRuns.schedule.announcedHelp')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              error={errorText(errors.announced?.message)}
            />
          )}
        />
        <Controller
          control={control}
          name="webhooksEnabled"
          render={({ field }) => (
            <Checkbox
              label={t('drillRuns.schedule.webhooks')}
              description={t('drillRuns.schedule.webhooksHelp')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              error={errorText(errors.webhooksEnabled?.message)}
            />
          )}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onDone()}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="grape" loading={cmd.isPending}>
            {t('drillRuns.schedule.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** Loads the scenarios and the people who can take part, then the form. */
export function ScheduleDrillForm({ meId, isAdmin, onDone }: { meId: string; isAdmin: boolean; onDone: FormProps['onDone'] }) {
  const { t } = useTranslation();
  const scenarios = useDrillScenarios();
  const people = useDrillPeople(isAdmin);
  if (scenarios.isError) return <QueryError error={scenarios.error} onRetry={() => void scenarios.refetch()} />;
  if (people.isError) return <QueryError error={people.error} onRetry={people.refetch} />;
  if (!scenarios.data || !people.people) return <PageLoader />;
  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('drillRuns.schedule.heading')}
      </Title>
      {!isAdmin && (
        <Alert color="gray" variant="light" p="xs">
          {t('drillRuns.schedule.staffOnlyHint')}
        </Alert>
      )}
      <ScheduleForm scenarios={scenarios.data.items} people={people.people} meId={meId} onDone={onDone} />
    </Stack>
  );
}
