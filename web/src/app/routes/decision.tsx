import { Anchor, Paper, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '@/components/ui/page-state';
import { DecisionView } from '@/features/decisions/components/decision-view';
import { useIncident } from '@/features/incidents/api/get-incident';
import { IncidentTimeline } from '@/features/incidents/components/incident-timeline';
import { canRunCommands, hasAnyRole, useMe } from '@/lib/auth';

/** The incident's latest events, steps named by the incident's checklist. */
function ShortTimeline({ incidentId }: { incidentId: string }) {
  const incident = useIncident(incidentId);
  return <IncidentTimeline incidentId={incidentId} checklist={incident.data?.checklist} limit={8} />;
}

/** The decision page: what the approvers are asked and shown, and (for an approver) the decide form. The mail links here. */
export function DecisionRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  if (!me.data) return <PageLoader />;
  const executive = hasAnyRole(me.data, ['Executive']);
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={executive ? '/desk' : '/decisions'} size="sm">
        ← {executive ? t('nav.desk') : t('nav.decisionLog')}
      </Anchor>
      <DecisionView
        id={id}
        isExecutive={executive}
        isRequesterSide={canRunCommands(me.data)}
        timeline={(incidentId) => (
          <Paper withBorder p="md" radius="md">
            <ShortTimeline incidentId={incidentId} />
          </Paper>
        )}
      />
    </Stack>
  );
}
