import type { IncidentAlerts } from '@/types';

/** Which sentence is true of the alerts so far: told (a mail left), telling (queued), failed, or nobody yet. */
export function alertState(alerts: IncidentAlerts | undefined): { key: string; names: string } | null {
  if (!alerts) return null;
  const { people } = alerts;
  if (people.length === 0) return { key: 'report.success.nobody', names: '' };
  const sent = people.filter((p) => p.status === 'sent');
  if (sent.length > 0) return { key: 'report.success.told', names: sent.map((p) => p.name).join('、') };
  if (people.some((p) => p.status === 'queued'))
    return { key: 'report.success.telling', names: people.filter((p) => p.status === 'queued').map((p) => p.name).join('、') };
  return { key: 'report.success.failed', names: people.map((p) => p.name).join('、') };
}
