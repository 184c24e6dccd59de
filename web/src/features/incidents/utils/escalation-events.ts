import type { TFunction } from 'i18next';
import { formatDateTime } from '@/lib/format';
import type { TimelineEntry } from '@/types';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

export const ESCALATION_EVENT_TYPES = [
  'deadline_set',
  'incident_escalated',
  'sla_breached',
  'reminder_sent',
  'notification_queued',
  'notification_sent',
  'notification_failed',
] as const;

export const isEscalationEntry = (e: TimelineEntry) =>
  e.stream === 'escalation' || (ESCALATION_EVENT_TYPES as readonly string[]).includes(e.type);

export interface EscalationContext {
  lang: string;
  /** notificationId -> recipient name, from the notification_queued entries */
  recipients: Record<string, string>;
}

export function escalationContext(items: TimelineEntry[], lang: string): EscalationContext {
  const recipients: Record<string, string> = {};
  for (const e of items) {
    if (e.type !== 'notification_queued') continue;
    const d = rec(e.data);
    if (str(d.notificationId) && str(d.recipientName)) recipients[str(d.notificationId)] = str(d.recipientName);
  }
  return { lang, recipients };
}

/** An escalation-stream entry as a sentence (「IncidentDesk が 佐藤さん へメールを送信しました」), or null if unknown. */
export function describeEscalationEvent(
  t: TFunction,
  e: TimelineEntry,
  ctx: EscalationContext = { lang: 'ja', recipients: {} },
): { text: string; detail?: string } | null {
  const actor = e.actorName ?? 'IncidentDesk';
  const d = rec(e.data);
  const kind = () => (str(d.kind) ? t(`escalation.kind.${str(d.kind).toLowerCase()}`) : '');
  const channel = () => t(`escalation.channel.${(str(d.channel) || 'email').toLowerCase()}`);
  const person = (n: string) => t('timelineEsc.person', { name: n });
  const name = () => {
    const n = ctx.recipients[str(d.notificationId)] ?? str(d.recipientName);
    return n ? person(n) : str(d.address);
  };
  switch (e.type) {
    case 'deadline_set':
      return { text: t('timelineEsc.deadline_set', { actor, kind: kind(), at: formatDateTime(str(d.dueAt), ctx.lang) }) };
    case 'incident_escalated': {
      const c = rec(d.contact);
      return {
        text: t('timelineEsc.incident_escalated', { actor, name: str(c.name) ? person(str(c.name)) : str(c.email), level: str(d.level) }),
        detail: str(c.email) || undefined,
      };
    }
    case 'sla_breached':
      return { text: t('timelineEsc.sla_breached', { kind: kind() }) };
    case 'reminder_sent':
      return { text: t('timelineEsc.reminder_sent', { actor, stage: str(d.stage) ? t(`stage.${str(d.stage)}`) : '' }) };
    case 'notification_queued':
      return {
        text: t('timelineEsc.notification_queued', { actor, name: name(), channel: channel() }),
        detail: [str(d.subject) ? t('timelineEsc.subject', { subject: str(d.subject) }) : '', str(d.address)].filter(Boolean).join('\n') || undefined,
      };
    case 'notification_sent':
      return { text: t('timelineEsc.notification_sent', { actor, name: name(), channel: channel() }), detail: str(d.address) || undefined };
    case 'notification_failed':
      return {
        text: t('timelineEsc.notification_failed', { actor, name: name(), channel: channel() }) + (d.permanent === true ? t('timelineEsc.permanent') : ''),
        detail: [str(d.address), str(d.error) ? t('timelineEsc.error', { error: str(d.error) }) : ''].filter(Boolean).join('\n') || undefined,
      };
    default:
      return null;
  }
}
