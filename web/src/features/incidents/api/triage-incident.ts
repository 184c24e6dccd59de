import type { TriageRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const triageIncident = (input: CommandInput<TriageRequest>) => postIncidentCommand('triage', input);

export const useTriageIncident = () => useIncidentCommand<TriageRequest>('triage');
