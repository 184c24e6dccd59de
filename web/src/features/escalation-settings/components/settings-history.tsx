import { Text, Timeline } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import type { SettingsChange } from '@/types';
import { useSettingsTimeline } from '../api/get-settings-timeline';
import { arr, rec, str } from '../utils/event-data';
import { slaChangeLines } from '../utils/sla-change-lines';

/** Audit trail of contact-chain and SLA changes, newest first. */
export function SettingsHistory() {
  const { t, i18n } = useTranslation();
  const query = useSettingsTimeline();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const items: SettingsChange[] = query.data.items;
  if (items.length === 0) return <Text c="dimmed">{t('history.empty')}</Text>;
  // chain names for the removals (a removal names only the chain's id); the list is newest first
  const chainNames = new Map<string, string>();
  for (const e of [...items].reverse()) {
    const d = rec(e.data);
    if (e.type === 'contact_chain_saved' && str(d.chainId)) chainNames.set(str(d.chainId), str(d.name));
  }
  return (
    <Timeline bulletSize={12} lineWidth={2} aria-label={t('history.title')}>
      {items.map((e, i) => {
        const actor = e.actorName ?? '—';
        const d = rec(e.data);
        let text: string;
        let lines: string[] = [];
        if (e.type === 'contact_chain_saved') {
          text = t('history.contact_chain_saved', { actor, name: str(d.name) });
          const contacts = arr(d.contacts).map((c) => str(rec(c).name)).filter(Boolean);
          const categories = arr(d.categories).map((c) => t(`category.${str(c)}`));
          lines = [
            contacts.map((c, n) => `${n + 1}. ${c}`).join(' → '),
            d.isDefault === true ? t('chains.isDefault') : categories.join(t('history.separator')),
            str(d.department) ? t('history.department', { department: str(d.department) }) : '',
          ].filter(Boolean);
        } else if (e.type === 'contact_chain_removed') {
          const name = chainNames.get(str(d.chainId));
          text = name ? t('history.contact_chain_removed_named', { actor, name }) : t('history.contact_chain_removed', { actor });
        } else if (e.type === 'sla_policy_saved') {
          text = t('history.sla_policy_saved', { actor });
          const previous = items.slice(i + 1).find((x) => x.type === 'sla_policy_saved');
          lines = slaChangeLines(t, e.data, previous?.data);
        } else {
          text = t('history.other', { actor, type: e.type });
        }
        return (
          <Timeline.Item key={`${e.at}-${i}`} data-event-type={e.type}>
            <Text size="sm">{text}</Text>
            {lines.map((l) => (
              <Text key={l} size="xs" c="dimmed">
                {l}
              </Text>
            ))}
            <Text size="xs" c="dimmed" component="time" dateTime={e.at}>
              {formatDateTime(e.at, i18n.language)}
            </Text>
          </Timeline.Item>
        );
      })}
    </Timeline>
  );
}
