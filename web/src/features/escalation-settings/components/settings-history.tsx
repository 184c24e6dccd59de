import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { useSettingsTimeline } from '../api/get-settings-timeline';

const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** Audit trail of contact-chain and SLA changes, newest first. */
export function SettingsHistory() {
  const { t, i18n } = useTranslation();
  const query = useSettingsTimeline();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label={t('history.title')}>
      {query.data.items.map((e, i) => {
        const actor = e.actorName ?? '—';
        const d = rec(e.data);
        const key = `history.${e.type}`;
        const text = i18n.exists(key) ? t(key, { actor, name: str(d.name) }) : t('history.other', { actor, type: e.type });
        const contacts = Array.isArray(d.contacts) ? (d.contacts as unknown[]).map((c) => str(rec(c).name)).filter(Boolean) : [];
        return (
          <Timeline.Item key={`${e.at}-${i}`} data-event-type={e.type}>
            <Text size="sm">{text}</Text>
            {contacts.length > 0 && (
              <Text size="xs" c="dimmed">
                {contacts.map((c, n) => `${n + 1}. ${c}`).join(' → ')}
              </Text>
            )}
            <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
              {formatDateTime(e.at, i18n.language)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
