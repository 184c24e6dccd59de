import { Anchor, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PageLoader } from '@/components/ui/page-state';
import { DrillBanner } from '@/components/ui/drill-banner';
import { ScheduleDrillForm } from '@/features/drills/runs/components/schedule-form';
import { isAdmin, useMe } from '@/lib/auth';

/** /drills/new: schedule a drill from a scenario (responders and admins). */
export function DrillNewRoute() {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  if (!me.data) return <PageLoader />;
  return (
    <Stack gap="sm" maw={1100}>
      <Anchor component={Link} to="/drills" size="sm">
        ← {t('nav.drills')}
      </Anchor>
      <DrillBanner />
      <ScheduleDrillForm
        meId={me.data.id}
        isAdmin={isAdmin(me.data)}
        onDone={(created) => void navigate(created ? `/drills/${created.id}` : '/drills')}
      />
    </Stack>
  );
}
