import type { TFunction } from 'i18next';
import { formatDateTime } from '@/lib/format';
import type { TimelineEntry } from '@/types';
import { personName, SYSTEM_NAME } from '@/lib/person';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');
const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

export const ESCALATION_EVENT_TYPES = [
  'deadline_set',
  'incident_escalated',
  'sla_breached',
  'reminder_sent',
  'briefing_reminder_sent',
  'briefing_missed',
  'notification_queued',
  'notification_sent',
  'notification_failed',
  'notification_simulated',
] as const;

export const isEscalationEntry = (e: TimelineEntry) =>
  e.stream === 'escalation' || (ESCALATION_EVENT_TYPES as readonly string[]).includes(e.type);

export interface EscalationContext {
  lang: string;
  /** notificationId -> recipient name, from the notification_queued entries */
  recipients: Record<string, string>;
  /** notificationId -> subject, from the notification_queued entries */
  subjects?: Record<string, string>;
  /** notifications with an outcome (sent, failed, or simulated in a drill) on the timeline */
  settled?: Set<string>;
}

export function escalationContext(items: TimelineEntry[], lang: string): EscalationContext {
  const recipients: Record<string, string> = {};
  const subjects: Record<string, string> = {};
  const settled = new Set<string>();
  for (const e of items) {
    const d = rec(e.data);
    const id = str(d.notificationId);
    if (!id) continue;
    if (e.type === 'notification_queued') {
      if (str(d.recipientName)) recipients[id] = str(d.recipientName);
      if (str(d.subject)) subjects[id] = str(d.subject);
    } else if (e.type === 'notification_sent' || e.type === 'notification_failed' || e.type === 'notification_simulated') {
      settled.add(id);
    }
  }
  return { lang, recipients, subjects, settled };
}

/**
 * A queued message whose outcome (sent / failed) is also on the timeline: the outcome entry tells who was
 * told what and when, so the queued one is left out (a still-pending message keeps its queued entry).
 */
export const isSettledQueuedEntry = (e: TimelineEntry, ctx: EscalationContext) =>
  e.type === 'notification_queued' && !!ctx.settled?.has(str(rec(e.data).notificationId));

/** An escalation-stream entry as a sentence (「山田 花子さん（営業部）にメールを送信しました（IncidentDesk）」), or null if unknown. */
export function describeEscalationEvent(
  t: TFunction,
  e: TimelineEntry,
  ctx: EscalationContext = { lang: 'ja', recipients: {} },
): { text: string; detail?: string } | null {
  // Deadlines and messages are IncidentDesk's doing, whoever's action set them off (the reporter's report,
  // a responder's acknowledgement): naming that person as the sender would read as if they wrote the mail.
  const actor = SYSTEM_NAME;
  const d = rec(e.data);
  const subject = () => {
    const s = ctx.subjects?.[str(d.notificationId)] ?? str(d.subject);
    return s ? t('timelineEsc.subject', { subject: s }) : '';
  };
  // A briefing deadline at level 1 is the grace after a due briefing: when the executives are told it is late.
  const kind = () =>
    str(d.kind) ? t(`escalation.kind.${str(d.kind).toLowerCase() === 'briefing' && d.level === 1 ? 'briefingLate' : str(d.kind).toLowerCase()}`) : '';
  const channel = () => t(`escalation.channel.${(str(d.channel) || 'email').toLowerCase()}`);
  const person = (n: string) => personName(t, n);
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
    case 'briefing_reminder_sent':
      return { text: t('timelineEsc.briefing_reminder_sent', { actor, at: formatDateTime(str(d.dueAt), ctx.lang) }) };
    case 'briefing_missed':
      return { text: t('timelineEsc.briefing_missed', { actor, at: formatDateTime(str(d.dueAt), ctx.lang) }) };
    case 'notification_queued':
      return {
        text: t('timelineEsc.notification_queued', { actor, name: name(), channel: channel() }),
        detail: [subject(), str(d.address)].filter(Boolean).join('\n') || undefined,
      };
    case 'notification_sent':
      return {
        // Written to the pickup folder (no SMTP server): nobody has received it yet.
        text: t(str(d.transport) === 'pickup_folder' ? 'timelineEsc.notification_written' : 'timelineEsc.notification_sent', {
          actor,
          name: name(),
          channel: channel(),
        }),
        detail: [subject(), str(d.address)].filter(Boolean).join('\n') || undefined,
      };
    case 'notification_failed':
      return {
        text: t(d.permanent === true ? 'timelineEsc.notification_failed_permanent' : 'timelineEsc.notification_failed', {
          actor,
          name: name(),
          channel: channel(),
        }),
        detail: [subject(), str(d.address), str(d.error) ? t('timelineEsc.error', { error: str(d.error) }) : ''].filter(Boolean).join('\n') || undefined,
      };
    case 'notification_simulated': {
      // A drill message kept inside its run: it "would have been sent" and never left (issue 11 §2).
      const reason = str(d.reason);
      const known = ['outside-run', 'webhook-not-enabled', 'run-mismatch', 'no-address'].includes(reason);
      return {
        text: t('timelineEsc.notification_simulated', { actor, name: name(), channel: channel() }),
        detail:
          [subject(), str(d.address), reason ? t('timelineEsc.simulatedReason', { reason: known ? t(`timelineEsc.reason.${reason}`) : reason }) : '']
            .filter(Boolean)
            .join('\n') || undefined,
      };
    }
    default:
      return null;
  }
}
