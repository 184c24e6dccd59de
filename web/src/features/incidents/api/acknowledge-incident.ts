import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

type Empty = Record<string, never>;

export const acknowledgeIncident = (input: CommandInput<Empty>) => postIncidentCommand('acknowledge', input);

export const useAcknowledgeIncident = () => useIncidentCommand<Empty>('acknowledge');
