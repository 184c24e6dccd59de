import { Badge, Group, Loader, Paper, ScrollArea, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryError } from '@/components/ui/page-state';
import type { Stage } from '@/types';
import { useIncidents } from '../api/get-incidents';
import type { IncidentFilters } from '../api/incident-keys';
import { IncidentCard } from './incident-card';

interface Props {
  stage: Stage;
  filters: Omit<IncidentFilters, 'stage'>;
  /** on a phone the column fills the tab; on a desktop it scrolls on its own */
  fill?: boolean;
}

/** One stage of the board: its own query (GET /api/incidents?stage=...&pageSize=200). */
export function BoardColumn({ stage, filters, fill = false }: Props) {
  const { t } = useTranslation();
  const query = useIncidents({ ...filters, stage, pageSize: 200, sort: '-noticedAt' });
  const items = query.data?.items ?? [];

  const cards = (
    <Stack gap="xs">
      {query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.isPending ? (
        <Loader size="sm" mx="auto" my="md" aria-label={t('common.loading')} />
      ) : items.length === 0 ? (
        <Text size="sm" c="dimmed" ta="center" py="md">
          {t('board.emptyColumn')}
        </Text>
      ) : (
        items.map((i) => <IncidentCard key={i.id} incident={i} />)
      )}
    </Stack>
  );

  return (
    <Paper
      component="section"
      aria-label={t(`stage.${stage}`)}
      data-stage={stage}
      bg="gray.0"
      p="xs"
      radius="md"
      withBorder
      style={{ minWidth: 0, display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" mb="xs" px={4}>
        <Title order={2} size="h5">
          {t(`stage.${stage}`)}
        </Title>
        <Badge variant="light" color="gray" aria-label={t('board.count', { count: query.data?.total ?? 0 })}>
          {query.data?.total ?? 0}
        </Badge>
      </Group>
      {fill ? cards : <ScrollArea.Autosize mah="calc(100vh - 260px)" type="hover" scrollbarSize={6}>{cards}</ScrollArea.Autosize>}
    </Paper>
  );
}
