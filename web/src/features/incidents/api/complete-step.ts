import type { CompleteStepRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

const action = (stepId: string) => `steps/${encodeURIComponent(stepId)}/complete`;

export const completeStep = (stepId: string, input: CommandInput<CompleteStepRequest>) => postIncidentCommand(action(stepId), input);

export const useCompleteStep = (stepId: string) => useIncidentCommand<CompleteStepRequest>(action(stepId));
