import type { Category, Severity, Stage } from '@/types';
import type { AttentionFilter } from '../utils/attention';

export interface IncidentFilters {
  stage?: Stage;
  severity?: Severity;
  category?: Category;
  /** a user id, "me" or "none" */
  owner?: string;
  /** "me": only reports the caller filed */
  reporter?: 'me';
  q?: string;
  /** overdue, escalated, breached, or any of them */
  attention?: AttentionFilter;
  /** real (the API's default), drill or all */
  kind?: 'real' | 'drill' | 'all';
  page?: number;
  pageSize?: number;
  sort?: string;
}

export const incidentKeys = {
  all: ['incidents'] as const,
  lists: () => [...incidentKeys.all, 'list'] as const,
  list: (filters: IncidentFilters) => [...incidentKeys.lists(), filters] as const,
  detail: (id: string) => [...incidentKeys.all, 'detail', id] as const,
  timeline: (id: string) => [...incidentKeys.all, 'timeline', id] as const,
  /** deadlines and deliveries of one incident */
  escalation: (id: string) => [...incidentKeys.detail(id), 'escalation'] as const,
  /** executive briefings of one incident and when the next is due */
  briefings: (id: string) => [...incidentKeys.detail(id), 'briefings'] as const,
  /** the briefings of every open incident (the executive's desk) */
  briefingFeed: () => [...incidentKeys.all, 'briefing-feed'] as const,
  assignable: () => ['users', 'assignable'] as const,
  departments: () => ['departments'] as const,
};
