import type { AdvanceStageRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const advanceStage = (input: CommandInput<AdvanceStageRequest>) => postIncidentCommand('stage', input);

export const useAdvanceStage = () => useIncidentCommand<AdvanceStageRequest>('stage');
