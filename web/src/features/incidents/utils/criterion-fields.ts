/**
 * Which field of the current stage's form satisfies an exit criterion, as a DOM id the form puts on that
 * field. A 409 list and the exit checklist link each unmet criterion to it, as step rules link to steps.
 */
const CRITERION_FIELDS: Record<string, string> = {
  acknowledged: 'acknowledge',
  severity_rated: 'infoClass',
  owner_assigned: 'ownerId',
  harm_and_leak_assessed: 'harmAndLeak',
  five_w1h_who: 'who',
  five_w1h_what: 'what',
  five_w1h_when: 'when',
  five_w1h_where: 'where',
  five_w1h_why: 'why',
  five_w1h_how: 'how',
  damage_recorded: 'damage',
  scale_recorded: 'scale',
  cause_recorded: 'cause',
  countermeasures_chosen: 'countermeasures',
  normal_operation_verified: 'normalOperationVerified',
  notifications_recorded: 'notifiedParties',
  root_cause_recorded: 'rootCause',
  measure_decided: 'measures',
  policy_update_flag_set: 'policyUpdateNeeded',
};

/** The DOM id of a stage form's field (or control), for the criteria that link to it. */
export const stageFieldId = (field: string) => `stage-field-${field}`;

/** The DOM id of the field that satisfies a criterion, or null when no form field does. */
export function criterionFieldId(code: string): string | null {
  const field = CRITERION_FIELDS[code];
  return field ? stageFieldId(field) : null;
}

const FOCUSABLE = 'input:not([disabled]), textarea:not([disabled]), button:not([disabled]), select:not([disabled])';

/** Scrolls the criterion's field into view and puts the cursor in it; false when it is not on the page. */
export function focusCriterion(code: string): boolean {
  const id = criterionFieldId(code);
  const el = id ? document.getElementById(id) : null;
  if (!el) return false;
  el.scrollIntoView?.({ behavior: 'smooth', block: 'center' });
  const target = el.matches(FOCUSABLE) ? el : el.querySelector<HTMLElement>(FOCUSABLE);
  target?.focus({ preventScroll: true });
  return true;
}
