import { Accordion, Anchor, Badge, Button, Group, Progress, Stack, Switch, Text, ThemeIcon, Title } from '@mantine/core';
import { IconCheck, IconCircleDashed, IconExternalLink, IconPrinter } from '@tabler/icons-react';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AdminDetail } from '@/components/ui/admin-detail';
import { shortHash, useLocalized } from '@/lib/localized';
import { OPEN_STAGES, type ChecklistStep, type IncidentDetail, type Role, type Stage } from '@/types';
import { ChecklistStepItem, type StepActionSlot } from './checklist-step';

/** Steps to bring into view (after a refused stage change); `nonce` re-triggers for the same ids. */
export interface ChecklistFocus {
  ids: string[];
  nonce: number;
}

function StageControl({ stage, current, done, total, requiredOpen }: { stage: Stage; current: boolean; done: number; total: number; requiredOpen: number }) {
  const { t } = useTranslation();
  return (
    <Group gap="xs" wrap="wrap" justify="space-between" pr="xs">
      <Group gap={6} wrap="nowrap">
        <Text fw={700}>{t(`stage.${stage}`)}</Text>
        {current && (
          <Badge size="xs" variant="filled" color="indigo" tt="none">
            {t('checklist.currentStage')}
          </Badge>
        )}
      </Group>
      <Group gap={8} wrap="nowrap" data-testid={`progress-${stage}`}>
        <Progress
          value={total ? (done / total) * 100 : 0}
          w={56}
          size="sm"
          color={done === total ? 'teal' : 'indigo'}
          aria-label={t('checklist.progress', { done, total })}
        />
        <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
          {t('checklist.progress', { done, total })}
        </Text>
        {requiredOpen > 0 ? (
          <Badge size="xs" color="orange" variant="light" tt="none" style={{ whiteSpace: 'nowrap' }}>
            {t('checklist.requiredOpen', { count: requiredOpen })}
          </Badge>
        ) : (
          <ThemeIcon size={16} radius="xl" color="teal" variant="light" aria-label={t('checklist.requiredAllDone')} role="img">
            <IconCheck size={12} />
          </ThemeIcon>
        )}
      </Group>
    </Group>
  );
}

interface Props {
  incident: IncidentDetail;
  roles: readonly Role[];
  /** what a decision step offers besides its own actions ("ask the executives"); composed by the route */
  stepAction?: StepActionSlot;
  focus?: ChecklistFocus | null;
}

/** The incident's playbook steps by stage, with who did what; actions only for those who may take them. */
export function PlaybookChecklist({ incident, roles, focus, stepAction }: Props) {
  const { t } = useTranslation();
  const l = useLocalized();
  const { checklist } = incident;
  const [basicOnly, setBasicOnly] = useState(false);
  const [expanded, setExpanded] = useState<string[]>(() => (incident.stage === 'closed' ? [] : [incident.stage]));

  // Follow the incident into its next stage (state adjusted while rendering, not in an effect:
  // https://react.dev/learn/you-might-not-need-an-effect#adjusting-some-state-when-a-prop-changes).
  const [shownStage, setShownStage] = useState(incident.stage);
  if (shownStage !== incident.stage) {
    setShownStage(incident.stage);
    if (incident.stage !== 'closed') setExpanded((e) => (e.includes(incident.stage) ? e : [...e, incident.stage]));
  }

  const focusIds = useMemo(() => new Set(focus?.ids ?? []), [focus]);

  // A refused stage change: open the stages of the blocking steps (once per request) and scroll to the first.
  const [handledFocus, setHandledFocus] = useState<ChecklistFocus | null>(null);
  if (focus && focus !== handledFocus) {
    setHandledFocus(focus);
    const steps = checklist.steps.filter((s) => focus.ids.includes(s.stepId));
    if (steps.some((s) => !s.basic)) setBasicOnly(false);
    if (steps.length > 0) setExpanded((e) => [...new Set([...e, ...steps.map((s) => s.stage)])]);
  }
  useEffect(() => {
    if (!focus || focus.ids.length === 0) return;
    const timer = window.setTimeout(() => {
      document.getElementById(`step-${focus.ids[0]}`)?.scrollIntoView({ behavior: 'smooth', block: 'center' });
    }, 250);
    return () => window.clearTimeout(timer);
  }, [focus]);

  const current = checklist.steps.filter((s) => !s.fromEarlierPlaybook);
  const earlier = checklist.steps.filter((s) => s.fromEarlierPlaybook);
  const visible = basicOnly ? current.filter((s) => s.basic) : current;
  const byStage = (stage: Stage) => visible.filter((s) => s.stage === stage);
  const playbook = checklist.playbook;

  return (
    <section aria-labelledby="playbook-checklist-title" data-testid="playbook-checklist">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" gap="xs">
          <div>
            <Title order={2} size="h4" id="playbook-checklist-title">
              {t('checklist.title')}
            </Title>
            {playbook && (
              <Text size="sm" data-testid="checklist-playbook">
                {l(playbook.title)}{' '}
                <Text span size="xs" c="dimmed">
                  {t('playbook.version', { version: playbook.version })}
                </Text>{' '}
                <AdminDetail testId="playbook-admin-detail">{t('playbook.hash', { hash: shortHash(playbook.contentHash) })}</AdminDetail>
              </Text>
            )}
          </div>
          {playbook && (
            <Group gap="xs">
              <Button
                component={Link}
                to={`/playbooks/${encodeURIComponent(playbook.id)}?version=${playbook.contentHash}`}
                size="xs"
                variant="subtle"
                leftSection={<IconExternalLink size={14} aria-hidden />}
              >
                {t('checklist.openPlaybook')}
              </Button>
              <Button
                component={Link}
                to={`/incidents/${incident.id}/checklist/print`}
                size="xs"
                variant="default"
                leftSection={<IconPrinter size={14} aria-hidden />}
              >
                {t('checklist.print')}
              </Button>
            </Group>
          )}
        </Group>

        {!playbook && current.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('checklist.noPlaybook')}
          </Text>
        ) : (
          <>
            <Switch
              checked={basicOnly}
              onChange={(e) => setBasicOnly(e.currentTarget.checked)}
              label={t('playbook.basicOnly')}
              description={t('playbook.basicOnlyHint')}
            />
            <Accordion multiple value={expanded} onChange={setExpanded} variant="separated" chevronPosition="left">
              {OPEN_STAGES.map((stage) => {
                const steps = byStage(stage);
                const p = checklist.progress.find((x) => x.stage === stage) ?? { done: 0, total: 0, requiredOpen: 0 };
                return (
                  <Accordion.Item key={stage} value={stage} data-testid={`stage-${stage}`}>
                    <Accordion.Control>
                      <StageControl stage={stage} current={incident.stage === stage} {...p} />
                    </Accordion.Control>
                    <Accordion.Panel>
                      <Stack gap="xs">
                        {steps.length === 0 && (
                          <Text size="sm" c="dimmed">
                            {t('checklist.noSteps')}
                          </Text>
                        )}
                        {steps.map((s) => (
                          <ChecklistStepItem
                            key={s.stepId}
                            step={s}
                            incident={incident}
                            roles={roles}
                            highlighted={focusIds.has(s.stepId)}
                            extraAction={stepAction}
                          />
                        ))}
                      </Stack>
                    </Accordion.Panel>
                  </Accordion.Item>
                );
              })}
            </Accordion>
          </>
        )}

        {earlier.length > 0 && (
          <section aria-labelledby="earlier-steps-title" data-testid="earlier-steps">
            <Title order={3} size="h5" id="earlier-steps-title" mt="sm">
              {t('checklist.earlierTitle')}
            </Title>
            <Text size="xs" c="dimmed" mb="xs">
              {t('checklist.earlierHint')}
              {checklist.earlierPlaybooks.length > 0 &&
                ` (${checklist.earlierPlaybooks.map((p) => `${l(p.title)} ${t('playbook.version', { version: p.version })}`).join(' / ')})`}
            </Text>
            <Stack gap="xs">
              {earlier.map((s) => (
                <ChecklistStepItem key={`${s.playbookId}/${s.stepId}`} step={s} incident={incident} roles={roles} readOnly />
              ))}
            </Stack>
          </section>
        )}
      </Stack>
    </section>
  );
}

/** What a reporter sees: only the steps asked of reporters, read-only. */
export function ReporterSteps({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const steps: ChecklistStep[] = incident.checklist.steps.filter((s) => s.role === 'reporter' && !s.fromEarlierPlaybook && s.applies);
  if (steps.length === 0) return null;
  return (
    <section aria-labelledby="reporter-steps-title" data-testid="reporter-steps">
      <Title order={2} size="h4" id="reporter-steps-title" mb="xs">
        {t('checklist.reporterTitle')}
      </Title>
      <Stack gap="xs">
        {steps.map((s) => (
          <Group key={s.stepId} gap="sm" wrap="nowrap" align="flex-start">
            <ThemeIcon
              color={s.status === 'open' ? 'gray' : 'teal'}
              variant={s.status === 'open' ? 'light' : 'filled'}
              radius="xl"
              size={22}
              aria-label={t(`checklist.status.${s.status}`)}
              role="img"
            >
              {s.status === 'open' ? <IconCircleDashed size={14} /> : <IconCheck size={14} />}
            </ThemeIcon>
            <div>
              <Text size="sm" fw={600}>
                {l(s.title)}
              </Text>
              <Text size="xs" c="dimmed">
                {l(s.guidance)}
              </Text>
            </div>
          </Group>
        ))}
      </Stack>
      <Anchor component={Link} to="/playbooks" size="xs" mt="xs" display="inline-block">
        {t('checklist.reporterLibrary')}
      </Anchor>
    </section>
  );
}
