import { Anchor, Badge, Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import type { Stage } from '@/types';
import { useIncidents } from '../api/get-incidents';

const STAGE_COLOR: Record<Stage, string> = {
  detection: 'gray',
  triage: 'blue',
  analysis: 'violet',
  recovery: 'orange',
  prevention: 'teal',
  closed: 'green',
};

/** The caller's own reports with their status in plain words (GET /api/incidents?reporter=me). */
export function MyReportsList() {
  const { t, i18n } = useTranslation();
  const query = useIncidents({ reporter: 'me', sort: '-reportedAt', pageSize: 100 });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="center">
        <Title order={1} size="h2">
          {t('myReports.title')}
        </Title>
        <Button component={Link} to="/report">
          {t('myReports.newReport')}
        </Button>
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t('myReports.empty')}</Text>
      ) : (
        <Stack gap="sm" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {query.data.items.map((i) => (
            <Card key={i.id} component="li" withBorder radius="md" padding="md">
              <Group justify="space-between" wrap="nowrap" align="flex-start">
                <div style={{ minWidth: 0 }}>
                  <Anchor component={Link} to={`/incidents/${i.id}`} fw={700} ff="monospace">
                    {i.reference}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t(`category.${i.category}`)}
                  </Text>
                </div>
                <Badge color={STAGE_COLOR[i.stage]} variant="light" style={{ flexShrink: 0 }}>
                  {t(`stage.${i.stage}`)}
                </Badge>
              </Group>
              <Text mt="xs" lineClamp={2}>
                {i.summary}
              </Text>
              <Text mt="xs" fw={500} size="sm" data-testid="plain-status">
                {t(`stageStatus.${i.stage}`)}
              </Text>
              <Text size="xs" c="dimmed" mt={4}>
                {t('myReports.reportedAt', { time: formatDateTime(i.reportedAt, i18n.language) })}
              </Text>
            </Card>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
