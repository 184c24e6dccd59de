import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { useContactCheck } from '@/features/drills/contact-checks/api/get-contact-check';
import { ContactCheckTable } from '@/features/drills/contact-checks/components/contact-check-table';
import type { DrillDetail } from '@/types';

function LiveCheck({ checkId, canMark }: { checkId: string; canMark: boolean }) {
  const check = useContactCheck(checkId);
  if (check.isError) return <QueryError error={check.error} onRetry={() => void check.refetch()} />;
  if (!check.data) return <PageLoader />;
  return <ContactCheckTable check={check.data} canMark={canMark} />;
}

/** The run's contact-chain check, live (the table refreshes itself while the check runs). */
export function ContactCheckPanel({ drill, canMark }: { drill: DrillDetail; canMark: boolean }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={t('contactCheck.title')} data-testid="drill-contact-check">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('contactCheck.title')}
        </Title>
        {drill.contactCheckId ? (
          <LiveCheck checkId={drill.contactCheckId} canMark={canMark} />
        ) : (
          <Text size="sm" c="dimmed">
            {t(drill.status === 'scheduled' ? 'drillRuns.console.checkStartsWithDrill' : 'drillRuns.console.noCheck')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
