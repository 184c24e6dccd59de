import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { SettingsTimeline } from '@/types';
import { settingsKeys } from './settings-keys';

export const getSettingsTimeline = (signal?: AbortSignal) => api.get<SettingsTimeline>('/api/admin/settings/timeline', undefined, signal);

export const settingsTimelineQueryOptions = () =>
  queryOptions({ queryKey: settingsKeys.history(), queryFn: ({ signal }) => getSettingsTimeline(signal) });

export const useSettingsTimeline = () => useQuery(settingsTimelineQueryOptions());
