import type { TFunction } from 'i18next';
import { formatDate, formatDateTime } from '@/lib/format';
import { personName } from '@/lib/person';
import { OPEN_STAGES, type IncidentDetail, type Stage } from '@/types';

/** One line of a stage's record: a label and its text, or a list (containment actions, parties, measures). */
export interface RecordRow {
  key: string;
  label: string;
  value: string | string[];
}

export interface StageRecord {
  stage: Stage;
  /** who saved the stage's form last, and when; null when nothing was recorded */
  byLine: string | null;
  rows: RecordRow[];
}

/** The stages whose form has a record: triage, analysis, recovery, prevention. */
export const RECORD_STAGES = ['triage', 'analysis', 'recovery', 'prevention'] as const satisfies readonly Stage[];
export type RecordStage = (typeof RECORD_STAGES)[number];

/** Stages the incident has left (every one once it is closed). */
export const passedStages = (incident: IncidentDetail): RecordStage[] =>
  RECORD_STAGES.filter((s) => incident.stage === 'closed' || OPEN_STAGES.indexOf(s) < OPEN_STAGES.indexOf(incident.stage));

const FIVE_W = ['who', 'what', 'when', 'where', 'why', 'how'] as const;
const ANALYSIS_TEXT = ['damage', 'scale', 'affectedAssets', 'cause', 'countermeasures'] as const;

/** What was recorded for one stage, as label/value rows, the same on screen and on paper. */
export function stageRecord(incident: IncidentDetail, stage: RecordStage, t: TFunction, lang: string): StageRecord {
  const text = (v: string | null | undefined) => (v && v.trim() ? v : t('records.empty'));
  const yesNo = (v: boolean | null | undefined) => (v == null ? t('records.unset') : v ? t('common.yes') : t('common.no'));
  const list = (items: string[]) => (items.length > 0 ? items : t('records.none'));
  const by = (name: string | null | undefined, at: string) => t('records.recordedBy', { name: name ? personName(t, name) : t('records.someone'), time: formatDateTime(at, lang) });

  switch (stage) {
    case 'triage': {
      const r = incident.triage;
      if (!r) return { stage, byLine: null, rows: [] };
      return {
        stage,
        byLine: by(r.triagedByName, r.triagedAt),
        rows: [
          { key: 'infoClass', label: t('triage.infoClass'), value: t(`infoClass.${r.infoClass}`) },
          { key: 'impact', label: t('triage.impact'), value: t(`impact.${r.impact}`) },
          { key: 'severity', label: t('records.severity'), value: t(`severity.${r.severity}`) },
          { key: 'personalDataInvolved', label: t('triage.personalDataInvolved'), value: yesNo(r.personalDataInvolved) },
          { key: 'usersMayBeHarmed', label: t('triage.usersMayBeHarmed'), value: yesNo(r.usersMayBeHarmed) },
          { key: 'dataMayBeLeaking', label: t('triage.dataMayBeLeaking'), value: yesNo(r.dataMayBeLeaking) },
          { key: 'containmentActions', label: t('triage.containmentActions'), value: list(r.containmentActions) },
        ],
      };
    }
    case 'analysis': {
      const r = incident.analysis;
      if (!r) return { stage, byLine: null, rows: [] };
      return {
        stage,
        byLine: by(r.recordedByName, r.recordedAt),
        rows: [
          ...FIVE_W.map((w) => ({
            key: w,
            label: t(`analysis.w.${w}`),
            value: r[w].unknown ? t('records.unknown') : text(r[w].value),
          })),
          ...ANALYSIS_TEXT.map((f) => ({ key: f, label: t(`analysis.${f}`), value: text(r[f]) })),
        ],
      };
    }
    case 'recovery': {
      const r = incident.recovery;
      if (!r) return { stage, byLine: null, rows: [] };
      return {
        stage,
        byLine: by(r.recordedByName, r.recordedAt),
        rows: [
          { key: 'actionsTaken', label: t('recovery.actionsTaken'), value: text(r.actionsTaken) },
          {
            key: 'normalOperationVerified',
            label: t('recovery.normalOperationVerified'),
            value:
              r.normalOperationVerified && r.verifiedAt
                ? t('records.verifiedLine', { name: r.verifiedByName ? personName(t, r.verifiedByName) : t('records.someone'), time: formatDateTime(r.verifiedAt, lang) })
                : t('common.no'),
          },
          {
            key: 'notifiedParties',
            label: t('recovery.notifiedParties'),
            value: list(
              r.notifiedParties.map((p) =>
                p.how
                  ? t('records.partyLineHow', { party: p.party, time: formatDateTime(p.notifiedAt, lang), how: p.how })
                  : t('records.partyLine', { party: p.party, time: formatDateTime(p.notifiedAt, lang) }),
              ),
            ),
          },
        ],
      };
    }
    case 'prevention': {
      const r = incident.prevention;
      if (!r) return { stage, byLine: null, rows: [] };
      return {
        stage,
        byLine: by(r.recordedByName, r.recordedAt),
        rows: [
          { key: 'rootCause', label: t('prevention.rootCause'), value: text(r.rootCause) },
          {
            key: 'measures',
            label: t('prevention.measures'),
            value: list(
              r.measures.map((m) =>
                m.deadline
                  ? t('records.measureLineDeadline', { description: m.description, decision: t(`decision.${m.decision}`), deadline: formatDate(m.deadline.slice(0, 10), lang) })
                  : t('records.measureLine', { description: m.description, decision: t(`decision.${m.decision}`) }),
              ),
            ),
          },
          { key: 'policyUpdateNeeded', label: t('prevention.policyUpdateNeeded'), value: yesNo(r.policyUpdateNeeded) },
        ],
      };
    }
  }
}
