import type { TFunction } from 'i18next';
import type { TimelineEntry } from '@/types';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** decision id -> option id -> label, from the requests on the timeline (later events name only the option id). */
export type DecisionOptionLabels = Record<string, Record<string, string>>;

export function decisionOptions(items: readonly TimelineEntry[]): DecisionOptionLabels {
  const out: DecisionOptionLabels = {};
  for (const e of items) {
    if (e.type !== 'decision_requested') continue;
    const d = rec(e.data);
    const opts = Array.isArray(d.options) ? d.options.map(rec) : [];
    out[str(d.decisionId)] = Object.fromEntries(opts.map((o) => [str(o.id), str(o.label)]));
  }
  return out;
}

/** A decision request's events (its own stream and its notice stream) on the incident's timeline. */
export function describeDecisionEvent(t: TFunction, e: TimelineEntry, actor: string, options: DecisionOptionLabels): { text: string; detail?: string } | null {
  const d = rec(e.data);
  const option = (id: unknown) => options[str(d.decisionId)]?.[str(id)] || str(id);
  const kind = str(d.kind) ? t(`decisions.kind.${str(d.kind)}`) : '';
  switch (e.type) {
    case 'decision_requested':
      return { text: t('timeline.decision_requested', { actor, kind }), detail: str(d.question) || undefined };
    case 'decision_info_asked':
      return { text: t('timeline.decision_info_asked', { actor }), detail: str(d.question) || undefined };
    case 'decision_info_answered':
      return { text: t('timeline.decision_info_answered', { actor }), detail: str(d.answer) || undefined };
    case 'approver_decided':
      return { text: t('timeline.approver_decided', { actor, option: option(d.optionId) }), detail: str(d.rationale) || undefined };
    case 'decision_reached':
      return { text: t('timeline.decision_reached', { option: option(d.optionId) }), detail: str(d.conditions) || undefined };
    case 'decision_withdrawn':
      return { text: t('timeline.decision_withdrawn', { actor }), detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined };
    case 'decision_escalated':
      return { text: t('timeline.decision_escalated', { reach: str(d.reach) ? t(`decisions.reach.${str(d.reach)}`) : '' }) };
    case 'decision_reasked':
      return { text: t('timeline.decision_reasked') };
    case 'decision_lapsed':
      return {
        text: str(d.optionId)
          ? t('timeline.decision_lapsed_default', { option: option(d.optionId) })
          : t('timeline.decision_lapsed'),
      };
    case 'decision_superseded':
      return { text: t('timeline.decision_superseded', { actor, option: option(d.optionId) }), detail: str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined };
    case 'decision_reminder_sent':
      return { text: t('timeline.decision_reminder_sent', { percent: str(d.percent) }) };
    default:
      return null;
  }
}

