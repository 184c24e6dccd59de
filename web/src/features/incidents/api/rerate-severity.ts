import type { RerateSeverityRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const rerateSeverity = (input: CommandInput<RerateSeverityRequest>) => postIncidentCommand('severity', input);

export const useRerateSeverity = () => useIncidentCommand<RerateSeverityRequest>('severity');
