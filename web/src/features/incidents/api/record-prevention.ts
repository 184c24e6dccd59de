import type { PreventionRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const recordPrevention = (input: CommandInput<PreventionRequest>) => postIncidentCommand('prevention', input);

export const useRecordPrevention = () => useIncidentCommand<PreventionRequest>('prevention');
