import type { ChecklistStep, IncidentDetail, Role } from '@/types';

export interface StepActions {
  complete: boolean;
  skip: boolean;
  /** may open the skip form only to learn that an Executive must waive this step */
  skipNeedsExecutive: boolean;
  reopen: boolean;
}

const NONE: StepActions = { complete: false, skip: false, skipNeedsExecutive: false, reopen: false };

/** A required step graded 基本/必須/SHALL: skipping it is an Executive's waiver. */
export const isWaivable = (step: ChecklistStep) => step.required && step.obligation;

/**
 * What the user may do with a step, mirroring the API (WorkStep.cs): decisions are an Executive's, other
 * steps a Responder's or Admin's; skipping an obligation and reopening a waiver are an Executive's.
 */
export function stepActions(step: ChecklistStep, roles: readonly Role[], incident: Pick<IncidentDetail, 'stage'>): StepActions {
  if (incident.stage === 'closed' || step.fromEarlierPlaybook || !step.applies) return NONE;
  const executive = roles.includes('Executive');
  const works = roles.includes('Responder') || roles.includes('Admin');
  const mayWork = step.kind === 'decision' ? executive : works;
  if (step.status === 'open') {
    const waivable = isWaivable(step);
    return {
      complete: mayWork,
      skip: waivable ? executive : mayWork,
      skipNeedsExecutive: waivable && !executive && mayWork,
      reopen: false,
    };
  }
  return { ...NONE, reopen: step.waiver ? executive : mayWork };
}

/** The incident's current value of a step's evidence field, as text; null when not recorded yet. */
export function evidenceFieldValue(incident: IncidentDetail, step: ChecklistStep, yes: string): string | null {
  switch (step.evidenceField) {
    case 'deviceId':
      return incident.deviceId ?? null;
    case 'contact':
      return incident.contact ?? null;
    case 'disconnectedFromNetwork':
      return incident.disconnectedFromNetwork ? yes : null;
    case 'severity':
      return incident.severity ?? null;
    case 'owner':
      return incident.ownerName ?? null;
    case 'containmentActions':
      return incident.triage?.containmentActions.length ? incident.triage.containmentActions.join('、') : null;
    case 'notifiedParties':
      return incident.recovery?.notifiedParties.length ? incident.recovery.notifiedParties.map((p) => p.party).join('、') : null;
    case 'rootCause':
      return incident.prevention?.rootCause || null;
    case 'report':
      return incident.reference;
    default:
      return null;
  }
}
