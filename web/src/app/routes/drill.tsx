import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { DrillPage } from '@/features/drills/runs/components/drill-page';
import { canRunCommands, useMe } from '@/lib/auth';

/** /drills/:id: the facilitator's console, or a participant's view of the run (the invitation mail links here). */
export function DrillRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const me = useMe();
  return (
    <Stack gap="sm">
      <Anchor component={Link} to="/drills" size="sm">
        ← {t('nav.drills')}
      </Anchor>
      <DrillPage id={id} canMark={canRunCommands(me.data)} />
    </Stack>
  );
}
