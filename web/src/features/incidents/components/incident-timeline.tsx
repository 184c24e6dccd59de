import { Text, Timeline, Title } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import type { TimelineEntry } from '@/types';
import { useTimeline } from '../api/get-timeline';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** One event as a sentence in the current language. */
export function describeEvent(
  t: TFunction,
  e: TimelineEntry,
  names: Record<string, string> = {},
): { text: string; detail?: string } {
  const actor = e.actorName ?? t('timeline.system');
  const d = (e.data ?? {}) as Record<string, unknown>;
  const tr = (ns: string, v: unknown) => (str(v) ? t(`${ns}.${str(v)}`) : '');
  switch (e.type) {
    case 'incident_reported':
      return { text: t('timeline.incident_reported', { actor, category: tr('category', d.category) }) };
    case 'incident_acknowledged':
      return { text: t('timeline.incident_acknowledged', { actor }) };
    case 'incident_triaged':
      return {
        text: str(d.severity)
          ? t('timeline.incident_triaged', { actor, severity: tr('severity', d.severity) })
          : t('timeline.incident_triaged_plain', { actor }),
      };
    case 'severity_rerated': {
      const to = d.to ?? d.severity;
      return {
        text: str(d.from)
          ? t('timeline.severity_rerated', { actor, from: tr('severity', d.from), to: tr('severity', to) })
          : t('timeline.severity_rerated_to', { actor, to: tr('severity', to) }),
        detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined,
      };
    }
    case 'analysis_recorded':
    case 'recovery_recorded':
    case 'prevention_recorded':
      return { text: t(`timeline.${e.type}`, { actor }) };
    case 'stage_advanced':
      return { text: t('timeline.stage_advanced', { actor, from: tr('stage', d.from), to: tr('stage', d.to) }) };
    case 'note_added':
      return { text: t('timeline.note_added', { actor }), detail: str(d.text) || undefined };
    case 'incident_reclassified':
      return {
        text: t('timeline.incident_reclassified', { actor, from: tr('category', d.from), to: tr('category', d.to) }),
        detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined,
      };
    case 'incident_assigned': {
      const owner = names[str(d.ownerId)] ?? str(d.ownerName);
      return owner
        ? { text: t('timeline.incident_assigned', { actor, owner }) }
        : { text: t('timeline.incident_assigned_plain', { actor }) };
    }
    default:
      return { text: t('timeline.other', { actor, type: e.type }) };
  }
}

export function IncidentTimeline({ incidentId }: { incidentId: string }) {
  const { t, i18n } = useTranslation();
  const query = useTimeline(incidentId);
  return (
    <section aria-labelledby="timeline-title">
      <Title order={2} size="h4" id="timeline-title" mb="sm">
        {t('timeline.title')}
      </Title>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : (
        <Timeline bulletSize={14} lineWidth={2} active={query.data.items.length - 1}>
          {query.data.items.map((e) => {
            const { text, detail } = describeEvent(t, e, query.data.names);
            return (
              <Timeline.Item key={e.seq} data-event-type={e.type}>
                <Text size="sm">{text}</Text>
                {detail && (
                  <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }} lineClamp={4}>
                    {detail}
                  </Text>
                )}
                <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
                  {formatDateTime(e.at, i18n.language)}
                </Text>
              </Timeline.Item>
            );
          })}
        </Timeline>
      )}
    </section>
  );
}
