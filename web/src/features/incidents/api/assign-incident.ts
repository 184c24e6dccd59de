import type { AssignRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const assignIncident = (input: CommandInput<AssignRequest>) => postIncidentCommand('assign', input);

export const useAssignIncident = () => useIncidentCommand<AssignRequest>('assign');
