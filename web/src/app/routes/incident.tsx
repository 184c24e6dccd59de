import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PageLoader } from '@/components/ui/page-state';
import { IncidentView } from '@/features/incidents/components/incident-view';
import { canRunCommands, canSeeBoard, useMe } from '@/lib/auth';
import type { Role } from '@/types';

export function IncidentRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  if (!me.data) return <PageLoader />;
  const responder = canSeeBoard(me.data);
  return (
    <Stack gap="sm">
      <Anchor component={Link} to={responder ? '/board' : '/my-reports'} size="sm">
        ← {responder ? t('nav.board') : t('nav.myReports')}
      </Anchor>
      <IncidentView id={id} isResponder={responder} canCommand={canRunCommands(me.data)} roles={me.data.roles as Role[]} />
    </Stack>
  );
}
