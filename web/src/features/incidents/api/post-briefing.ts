import type { PostBriefingRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const postBriefing = (input: CommandInput<PostBriefingRequest>) => postIncidentCommand('briefings', input);

export const usePostBriefing = () => useIncidentCommand<PostBriefingRequest>('briefings');
