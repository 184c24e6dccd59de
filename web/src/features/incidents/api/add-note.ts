import type { AddNoteRequest } from '@/types';
import { postIncidentCommand, useIncidentCommand, type CommandInput } from './incident-command';

export const addNote = (input: CommandInput<AddNoteRequest>) => postIncidentCommand('notes', input);

export const useAddNote = () => useIncidentCommand<AddNoteRequest>('notes');
