import type { DecisionKind } from '@/types';

/**
 * The kind a playbook decision step asks for, by its id (the steps of playbooks/*.yaml), as the API's
 * DecisionKinds.ForStep reads them; any other decision step is "other" (free question and options).
 */
export function kindForStep(stepId: string): DecisionKind {
  switch (stepId) {
    case 'decide-business-stoppage':
    case 'decide-website-closure':
      return 'business_stoppage';
    case 'decide-ransom':
      return 'ransom_payment';
    case 'decide-public-disclosure':
      return 'disclosure';
    case 'decide-response-policy':
      return 'response_policy';
    default:
      return 'other';
  }
}
