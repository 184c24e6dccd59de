import { Button, Group, Stack, Text } from '@mantine/core';
import { IconArrowRight, IconHandStop } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ui/problem-alert';
import type { IncidentDetail } from '@/types';
import { useAcknowledgeIncident } from '../api/acknowledge-incident';
import { useAdvanceStage } from '../api/advance-stage';
import { useSavedNotice } from './use-saved-notice';

/** Acknowledge (while not acknowledged) and advance to the next stage; a 409 lists the unmet criteria. */
export function StageActions({ incident }: { incident: IncidentDetail }) {
  const { t } = useTranslation();
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
                  { onSuccess: () => saved('incident.advanced') },
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
      <ProblemAlert error={advance.error} />
    </Stack>
  );
}
