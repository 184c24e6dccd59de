import type { RecoveryRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const recordRecovery = (input: CommandInput<RecoveryRequest>) => postIncidentCommand('recovery', input);

export const useRecordRecovery = () => useIncidentCommand<RecoveryRequest>('recovery');
