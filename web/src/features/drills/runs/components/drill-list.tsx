import { Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import type { DrillRunSummary, DrillStatus } from '@/types';
import { useDrills } from '../api/get-drills';
import { DrillFormatBadge, DrillStatusBadge } from './drill-badges';

const GROUPS: { key: 'upcoming' | 'inProgress' | 'finished'; statuses: DrillStatus[] }[] = [
  { key: 'inProgress', statuses: ['running', 'paused', 'stopped'] },
  { key: 'upcoming', statuses: ['scheduled'] },
  { key: 'finished', statuses: ['ended', 'cancelled'] },
];

function DrillRows({ items }: { items: DrillRunSummary[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Stack gap="xs">
      {items.map((d) => (
        <Paper key={d.id} withBorder p="sm" radius="sm" data-testid="drill-row" data-drill-id={d.id}>
          <Group justify="space-between" align="flex-start" wrap="wrap" gap="xs">
            <Stack gap={4} style={{ flex: '1 1 18rem', minWidth: 0 }}>
              <Anchor component={Link} to={`/drills/${d.id}`} fw={600}>
                {lang === 'en' ? d.titleEn || d.titleJa : d.titleJa || d.titleEn}
              </Anchor>
              <Group gap={6} wrap="wrap">
                <DrillFormatBadge format={d.format} size="sm" />
                <Text size="xs" c="dimmed">
                  {t(`category.${d.category}`)}
                </Text>
                {d.mine && (
                  <Text size="xs" c="indigo" fw={600}>
                    {t('drillRuns.list.mine')}
                  </Text>
                )}
              </Group>
            </Stack>
            <Stack gap={4} align="flex-end">
              <DrillStatusBadge status={d.status} />
              <Text size="sm">{formatDateTime(d.endedAt ?? d.startedAt ?? d.plannedStart, lang)}</Text>
              <Text size="xs" c="dimmed">
                {t('drillRuns.list.facilitatedBy', { name: d.facilitatorName ?? '—' })} ・ {t('drillRuns.list.people', { count: d.participants })}
              </Text>
            </Stack>
          </Group>
        </Paper>
      ))}
    </Stack>
  );
}

/** The drills: in progress, upcoming, finished; staff who facilitate can schedule one. */
export function DrillList({ canSchedule }: { canSchedule: boolean }) {
  const { t } = useTranslation();
  const drills = useDrills();
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={1} size="h2">
            {t('drillRuns.list.heading')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('drillRuns.list.intro')}
          </Text>
        </div>
        {canSchedule && (
          <Button component={Link} to="/drills/new" leftSection={<IconPlus size={16} aria-hidden />} color="grape">
            {t('drillRuns.list.schedule')}
          </Button>
        )}
      </Group>
      {drills.isError && <QueryError error={drills.error} onRetry={() => void drills.refetch()} />}
      {drills.isPending && <PageLoader />}
      {drills.data &&
        GROUPS.map((g) => {
          const items = drills.data.items.filter((d) => g.statuses.includes(d.status));
          return (
            <Paper key={g.key} withBorder p="md" radius="md" component="section" aria-label={t(`drillRuns.list.${g.key}`)} data-testid={`drills-${g.key}`}>
              <Title order={2} size="h4" mb="xs">
                {t(`drillRuns.list.${g.key}`)} ({items.length})
              </Title>
              {items.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t(`drillRuns.list.none.${g.key}`)}
                </Text>
              ) : (
                <DrillRows items={items} />
              )}
            </Paper>
          );
        })}
    </Stack>
  );
}
