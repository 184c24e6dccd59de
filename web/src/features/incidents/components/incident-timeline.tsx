import { Badge, Group, Switch, Text, ThemeIcon, Timeline, Title } from '@mantine/core';
import { IconRobot } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { useIsAdmin } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import type { IncidentChecklist } from '@/types';
import { useTimeline } from '../api/get-timeline';
import { decisionOptions } from '../utils/decision-events';
import { escalationContext, isSettledQueuedEntry } from '../utils/escalation-events';
import { describeEvent, isSystemEntry, playbookNames, storedHideSystem, storeHideSystem } from '../utils/timeline-events';

interface TimelineProps {
  incidentId: string;
  checklist?: IncidentChecklist;
  /** only the latest entries (a short timeline beside a decision) */
  limit?: number;
}

export function IncidentTimeline({ incidentId, checklist, limit }: TimelineProps) {
  const { t, i18n } = useTranslation();
  const admin = useIsAdmin();
  const query = useTimeline(incidentId);
  const [hideSystem, setHideSystem] = useState(storedHideSystem);
  const lang = i18n.language;
  const playbooks = playbookNames(checklist, lang);
  const escalation = escalationContext(query.data?.items ?? [], lang);
  const decisions = decisionOptions(query.data?.items ?? []);
  // A decision's timers being set is machinery, not news: its reminders and what the deadline did are shown.
  const all = (query.data?.items ?? []).filter((e) => !isSettledQueuedEntry(e, escalation) && e.type !== 'decision_deadline_set');
  const systemCount = all.filter(isSystemEntry).length;
  const visible = hideSystem ? all.filter((e) => !isSystemEntry(e)) : all;
  const items = limit ? visible.slice(-limit) : visible;
  return (
    <section aria-labelledby="timeline-title">
      <Group justify="space-between" align="center" mb="sm" gap="xs">
        <Title order={2} size="h4" id="timeline-title">
          {t('timeline.title')}
        </Title>
        <Switch
          size="sm"
          label={t('timeline.hideSystem')}
          checked={hideSystem}
          onChange={(ev) => {
            const hide = ev.currentTarget.checked;
            setHideSystem(hide);
            storeHideSystem(hide);
          }}
          data-testid="timeline-hide-system"
        />
      </Group>
      {hideSystem && systemCount > 0 && (
        <Text size="sm" c="dimmed" mb="xs" data-testid="timeline-hidden-count" role="status">
          {t('timeline.hiddenCount', { count: systemCount })}
        </Text>
      )}
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={items.length - 1}>
          {items.map((e) => {
            const { text, detail } = describeEvent(t, e, {
              lang,
              names: query.data.names,
              playbooks,
              escalation,
              decisions,
              admin,
            });
            const system = isSystemEntry(e);
            const alarm = e.type === 'notification_failed' || e.type === 'sla_breached';
            return (
              <Timeline.Item
                key={e.seq}
                data-event-type={e.type}
                data-stream={e.stream}
                data-system={system || undefined}
                bullet={
                  system ? (
                    <ThemeIcon size={18} radius="xl" variant="light" color={alarm ? 'red' : 'gray'}>
                      <IconRobot size={12} aria-hidden />
                    </ThemeIcon>
                  ) : undefined
                }
              >
                {/* No italic (it does not exist for Japanese type): the system's entries are dimmed, with an icon and a badge. */}
                {system && (
                  <Badge size="xs" variant="light" color={alarm ? 'red' : 'gray'} tt="none" leftSection={<IconRobot size={10} aria-hidden />}>
                    {t('timeline.systemBadge')}
                  </Badge>
                )}
                <Text size="sm" c={system ? (alarm ? 'red.8' : 'dimmed') : undefined}>
                  {text}
                </Text>
                {detail && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                    {detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
                  {formatDateTime(e.at, lang)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </section>
  );
}
