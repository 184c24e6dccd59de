import type { SkipStepRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

const action = (stepId: string) => `steps/${encodeURIComponent(stepId)}/skip`;

export const skipStep = (stepId: string, input: CommandInput<SkipStepRequest>) => postIncidentCommand(action(stepId), input);

export const useSkipStep = (stepId: string) => useIncidentCommand<SkipStepRequest>(action(stepId));
