import { Anchor, Badge, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconSpeakerphone } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { useBriefingFeed } from '../api/get-briefing-feed';
import { BriefingCard } from './briefings-panel';

/**
 * The executive desk's briefings (issue 10 §5): when each serious incident's next briefing is due (and whether the
 * executives were told one is late), then what management was told in the last 24 hours, newest first.
 */
export function DeskBriefings({ now }: { now?: Date }) {
  const { t, i18n } = useTranslation();
  const feed = useBriefingFeed();
  const due = (feed.data?.incidents ?? []).filter((i) => i.nextDueAt);
  return (
    <Stack gap="sm" component="section" aria-labelledby="desk-briefings" data-testid="desk-briefings">
      <Group gap="xs">
        <IconSpeakerphone size={20} aria-hidden />
        <Title order={2} size="h4" id="desk-briefings">
          {t('desk.briefingsTitle')}
        </Title>
      </Group>
      {feed.isError ? (
        <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
      ) : !feed.data ? (
        <PageLoader />
      ) : (
        <>
          {due.length > 0 && (
            <Paper withBorder p="sm" radius="md">
              <Stack gap={6}>
                {due.map((i) => (
                  <Group key={i.incidentId} gap="xs" wrap="wrap" data-testid="desk-briefing-due">
                    <Anchor component={Link} to={`/incidents/${i.incidentId}`} fw={700} ff="monospace" size="sm">
                      {i.reference}
                    </Anchor>
                    <CountdownBadge dueAt={i.nextDueAt!} label={t('briefings.nextDue')} now={now} />
                    {i.lateNoticeAt && (
                      <Badge color="red" variant="light" size="sm" style={{ textTransform: 'none' }}>
                        {t('desk.briefingLate', { at: formatDateTime(i.lateNoticeAt, i18n.language) })}
                      </Badge>
                    )}
                  </Group>
                ))}
              </Stack>
            </Paper>
          )}
          {feed.data.items.length === 0 ? (
            <Text c="dimmed" size="sm">
              {t('desk.noBriefings')}
            </Text>
          ) : (
            feed.data.items.map((b) => (
              <BriefingCard
                key={b.id}
                b={b}
                heading={
                  <Anchor component={Link} to={`/incidents/${b.incidentId}`} fw={700} ff="monospace" size="sm">
                    {b.reference}
                  </Anchor>
                }
              />
            ))
          )}
        </>
      )}
    </Stack>
  );
}
