import { queryOptions, useQuery } from '@tanstack/react-query';
import { api } from '@/lib/api-client';
import type { MailSettingsView } from '@/types';
import { settingsKeys } from './settings-keys';

export const getMailSettings = (signal?: AbortSignal) => api.get<MailSettingsView>('/api/admin/mail', undefined, signal);

export const mailSettingsQueryOptions = () => queryOptions({ queryKey: settingsKeys.mail(), queryFn: ({ signal }) => getMailSettings(signal) });

export const useMailSettings = () => useQuery(mailSettingsQueryOptions());
