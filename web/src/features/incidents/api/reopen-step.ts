import type { ReopenStepRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

const action = (stepId: string) => `steps/${encodeURIComponent(stepId)}/reopen`;

export const reopenStep = (stepId: string, input: CommandInput<ReopenStepRequest>) => postIncidentCommand(action(stepId), input);

export const useReopenStep = (stepId: string) => useIncidentCommand<ReopenStepRequest>(action(stepId));
