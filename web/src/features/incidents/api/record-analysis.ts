import type { AnalysisRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const recordAnalysis = (input: CommandInput<AnalysisRequest>) => postIncidentCommand('analysis', input);

export const useRecordAnalysis = () => useIncidentCommand<AnalysisRequest>('analysis');
