import { Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconHandStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ApiError, isApiError } from '@/lib/api-client';
import { useLocalized } from '@/lib/localized';
import { ProblemAlert } from '@/components/ui/problem-alert';
import type { IncidentDetail } from '@/types';
import { useAcknowledgeIncident } from '../api/acknowledge-incident';
import { useAdvanceStage } from '../api/advance-stage';
import { criterionFieldId, focusCriterion, stageFieldId } from '../utils/criterion-fields';
import { useSavedNotice } from './use-saved-notice';

/** Steps named by a refused stage change (409 `required_step_open`). */
const blockingSteps = (error: unknown): string[] =>
  isApiError(error) && error.status === 409
    ? error.rules.filter((r) => r.code === 'required_step_open' && r.step).map((r) => r.step!)
    : [];

/**
 * A refused stage change was decided on the version it was sent with. Once the incident has changed, the
 * list keeps only what still holds: criteria still unmet, steps still open; other rules only if nothing changed.
 */
function withCurrentRules(error: unknown, sentVersion: number | undefined, incident: IncidentDetail): unknown {
  if (!isApiError(error) || error.status !== 409 || sentVersion === incident.version) return error;
  const criteria = new Map(incident.exitCriteria.map((c) => [c.code, c.met]));
  const rules = error.rules.filter((r) => {
    if (r.code === 'required_step_open') return incident.checklist.steps.some((s) => s.stepId === r.step && s.status === 'open' && !s.fromEarlierPlaybook);
    return criteria.get(r.code) === false;
  });
  return rules.length === 0 ? null : new ApiError({ status: 409, title: error.title, detail: error.detail, rules });
}

const criterionLink = (code: string) => (criterionFieldId(code) ? () => void focusCriterion(code) : undefined);

/**
 * Acknowledge (while not acknowledged) and advance to the next stage; a 409 lists the unmet criteria, and
 * open required playbook steps by title, which `onShowSteps` brings into view in the checklist.
 */
export function StageActions({ incident, onShowSteps }: { incident: IncidentDetail; onShowSteps?: (stepIds: string[]) => void }) {
  const { t } = useTranslation();
  const l = useLocalized();
  const stepTitle = (id: string) => {
    const step = incident.checklist.steps.find((s) => s.stepId === id && !s.fromEarlierPlaybook);
    return step ? l(step.title) : undefined;
  };
  const saved = useSavedNotice();
  const acknowledge = useAcknowledgeIncident();
  const advance = useAdvanceStage();
  const next = incident.nextStage;
  const needsAck = !incident.acknowledgedAt && incident.stage !== 'closed';

  return (
    <Stack gap="sm">
      <Group gap="sm">
        {needsAck && (
          <Button
            id={stageFieldId('acknowledge')}
            color="orange"
            leftSection={<IconHandStop size={18} aria-hidden />}
            loading={acknowledge.isPending}
            onClick={() =>
              acknowledge.mutate(
                { id: incident.id, version: incident.version, body: {} },
                { onSuccess: () => saved('incident.acknowledged') },
              )
            }
          >
            {t('incident.acknowledge')}
          </Button>
        )}
        {next && !(needsAck && incident.stage === 'detection') && (
          <Stack gap={2}>
            <Button
              rightSection={<IconArrowRight size={18} aria-hidden />}
              loading={advance.isPending}
              onClick={() =>
                advance.mutate(
                  { id: incident.id, version: incident.version, body: { to: next } },
                  {
                    onSuccess: () => saved('incident.advanced'),
                    onError: (e) => {
                      const ids = blockingSteps(e);
                      if (ids.length > 0) onShowSteps?.(ids);
                    },
                  },
                )
              }
            >
              {t('incident.advance')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('incident.nextStageIs', { stage: t(`stage.${next}`) })}
            </Text>
          </Stack>
        )}
      </Group>
      <ProblemAlert error={acknowledge.error} />
      <ProblemAlert
        error={withCurrentRules(advance.error, advance.variables?.version, incident)}
        stepTitle={stepTitle}
        onStepClick={onShowSteps ? (id) => onShowSteps([id]) : undefined}
        ruleAction={criterionLink}
      />
    </Stack>
  );
}
