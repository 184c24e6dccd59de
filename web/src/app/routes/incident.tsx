import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '@/components/ui/page-state';
import { IncidentDecisions, PendingDecisionBadge, StepDecisionAction } from '@/features/decisions/components/incident-decisions';
import { IncidentView, type IncidentSlots } from '@/features/incidents/components/incident-view';
import { pickText } from '@/lib/localized';
import { canRunCommands, canSeeBoard, useMe } from '@/lib/auth';
import type { Role } from '@/types';

export function IncidentRoute() {
  const { t, i18n } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  if (!me.data) return <PageLoader />;
  const responder = canSeeBoard(me.data);
  const canCommand = canRunCommands(me.data);
  // Staff only: reporters never see decision requests.
  const slots: IncidentSlots | undefined = responder
    ? {
        headerBadge: (incident) => <PendingDecisionBadge incidentId={incident.id} />,
        panel: (incident) => <IncidentDecisions incidentId={incident.id} canRequest={canCommand} closed={incident.stage === 'closed'} />,
        stepAction: (incident, step) => (
          <StepDecisionAction
            incidentId={incident.id}
            canRequest={canCommand && incident.stage !== 'closed'}
            step={{ stepId: step.stepId, title: pickText(step.title, i18n.language), open: step.status === 'open' && step.applies && !step.fromEarlierPlaybook }}
          />
        ),
      }
    : undefined;
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={responder ? '/board' : '/my-reports'} size="sm">
        ← {responder ? t('nav.board') : t('nav.myReports')}
      </Anchor>
      <IncidentView id={id} isResponder={responder} canCommand={canCommand} roles={me.data.roles as Role[]} slots={slots} />
    </Stack>
  );
}
