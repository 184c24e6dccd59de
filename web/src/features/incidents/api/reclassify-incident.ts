import type { ReclassifyRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const reclassifyIncident = (input: CommandInput<ReclassifyRequest>) => postIncidentCommand('reclassify', input);

export const useReclassifyIncident = () => useIncidentCommand<ReclassifyRequest>('reclassify');
