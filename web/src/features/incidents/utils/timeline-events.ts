import type { TFunction } from 'i18next';
import { pickText, shortHash } from '@/lib/localized';
import type { IncidentChecklist, TimelineEntry } from '@/types';
import { type DecisionOptionLabels, describeDecisionEvent } from './decision-events';
import { describeEscalationEvent, type EscalationContext, isEscalationEntry } from './escalation-events';
import { asFieldEvidence, evidenceLine } from './field-evidence';
import { personName, SYSTEM_NAME } from '@/lib/person';

const str = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

const rec = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** IncidentDesk's own account (Common/SystemActor.cs): timers firing, deliveries, what filing flags. */
export const SYSTEM_ACTOR_ID = '00000000-0000-4000-8000-00000000d35c';

/** Entries by the system rather than a person: deadlines and messages, and anything IncidentDesk itself recorded. */
export const isSystemEntry = (e: TimelineEntry) =>
  isEscalationEntry(e) || e.actorId === SYSTEM_ACTOR_ID || e.type === 'possible_duplicate_flagged';

/** Names for playbook steps and playbooks in events, from the incident's checklist. */
export interface PlaybookNames {
  step: (playbookId: string, stepId: string) => string | undefined;
  playbook: (id: string) => string | undefined;
}

export function playbookNames(checklist: IncidentChecklist | undefined, lang: string): PlaybookNames {
  const steps = checklist?.steps ?? [];
  const refs = checklist ? [...(checklist.playbook ? [checklist.playbook] : []), ...checklist.earlierPlaybooks] : [];
  return {
    step: (playbookId, stepId) => {
      const s = steps.find((x) => x.stepId === stepId && (!playbookId || x.playbookId === playbookId)) ?? steps.find((x) => x.stepId === stepId);
      return s ? pickText(s.title, lang) : undefined;
    },
    playbook: (id) => {
      const p = refs.find((r) => r.id === id);
      return p ? pickText(p.title, lang) : undefined;
    },
  };
}

export interface DescribeOptions {
  lang: string;
  names?: Record<string, string>;
  playbooks?: PlaybookNames;
  escalation?: EscalationContext;
  /** option labels of the decision requests on the timeline */
  decisions?: DecisionOptionLabels;
  /** Admins also see the playbook's content hash (a detail for checking versions, not for readers). */
  admin?: boolean;
}

/** One event as a sentence in the viewer's language, written as Japanese staff would write it. */
export function describeEvent(t: TFunction, e: TimelineEntry, o: DescribeOptions): { text: string; detail?: string } {
  const names = o.names ?? {};
  const actor = e.actorId === SYSTEM_ACTOR_ID ? SYSTEM_NAME : e.actorName ? personName(t, e.actorName) : t('timeline.system');
  const d = (e.data ?? {}) as Record<string, unknown>;
  const tr = (ns: string, v: unknown) => (str(v) ? t(`${ns}.${str(v)}`) : '');
  const step = () => o.playbooks?.step(str(d.playbookId), str(d.stepId)) ?? str(d.stepId);
  const reason = () => (str(d.reason) ? t('timeline.reason', { reason: str(d.reason) }) : undefined);
  const playbookLine = () => {
    const p = rec(d.playbook);
    if (!str(p.id)) return undefined;
    return t(o.admin ? 'timeline.playbookWithHash' : 'timeline.playbook', {
      title: o.playbooks?.playbook(str(p.id)) ?? str(p.id),
      version: str(p.version),
      hash: shortHash(str(p.contentHash)),
    });
  };
  const lines = (...xs: (string | undefined)[]) => xs.filter(Boolean).join('\n') || undefined;
  switch (e.type) {
    case 'incident_reported':
      return { text: t('timeline.incident_reported', { actor, category: tr('category', d.category) }), detail: playbookLine() };
    case 'step_completed': {
      const evidence = evidenceLine(t, o.lang, asFieldEvidence(d.field), str(d.evidence), names);
      return {
        text: t('timeline.step_completed', { actor, step: step() }),
        detail: evidence ? t('timeline.evidence', { evidence }) : undefined,
      };
    }
    case 'step_skipped':
      return { text: t(d.waiver === true ? 'timeline.step_waived' : 'timeline.step_skipped', { actor, step: step() }), detail: reason() };
    case 'step_reopened':
      return { text: t('timeline.step_reopened', { actor, step: step() }), detail: reason() };
    case 'incident_acknowledged': {
      // through the one-click link in a message: the person it went to (who may have no account)
      const link = rec(d.viaLink);
      return str(link.recipientName)
        ? { text: t('timeline.incident_acknowledged_link', { name: personName(t, str(link.recipientName)) }), detail: str(link.address) || undefined }
        : { text: t('timeline.incident_acknowledged', { actor }) };
    }
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
        detail: reason(),
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
        detail: lines(reason(), playbookLine()),
      };
    case 'incident_assigned': {
      const owner = names[str(d.ownerId)] ?? str(d.ownerName);
      return owner
        ? { text: t('timeline.incident_assigned', { actor, owner: personName(t, owner) }) }
        : { text: t('timeline.incident_assigned_plain', { actor }) };
    }
    case 'possible_duplicate_flagged': {
      // Decided by IncidentDesk when the report was filed: never written as the reporter's doing.
      const similarity = typeof d.similarity === 'number' ? Math.round(d.similarity * 100) : null;
      return {
        text: t('timeline.possible_duplicate_flagged', { other: str(d.otherReference) }),
        detail: similarity === null ? undefined : t('timeline.possible_duplicate_detail', { percent: similarity }),
      };
    }
    case 'briefing_posted':
      return { text: t('timeline.briefing_posted', { actor, number: str(d.number) }), detail: str(d.whatHappened) || undefined };
    default:
      return (
        describeDecisionEvent(t, e, actor, o.decisions ?? {}) ??
        describeEscalationEvent(t, e, o.escalation) ?? { text: t('timeline.other', { actor, type: e.type }) }
      );
  }
}

/** Per browser: whoever hid the system entries (timers, deliveries) on a long incident keeps them hidden. */
export const HIDE_SYSTEM_KEY = 'incidentdesk.timeline.hide-system';

export function storedHideSystem(): boolean {
  try {
    return window.localStorage.getItem(HIDE_SYSTEM_KEY) === '1';
  } catch {
    return false;
  }
}

export function storeHideSystem(hide: boolean) {
  try {
    window.localStorage.setItem(HIDE_SYSTEM_KEY, hide ? '1' : '0');
  } catch {
    // storage blocked: the choice holds until the page is left
  }
}
