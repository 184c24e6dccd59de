import { MantineProvider } from '@mantine/core';
import { DatesProvider } from '@mantine/dates';
import { Notifications } from '@mantine/notifications';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/ja';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { createQueryClient } from '@/lib/query-client';
import { theme } from '@/lib/theme';

// Typed dates (DateInput) are read in the format they are shown in.
dayjs.extend(customParseFormat);

export function AppProvider({ children, queryClient }: { children: ReactNode; queryClient?: QueryClient }) {
  const [client] = useState(() => queryClient ?? createQueryClient());
  const { i18n } = useTranslation();
  const ja = i18n.language !== 'en';
  return (
    <MantineProvider theme={theme} defaultColorScheme="light">
      {/* Calendars in the user's language: Japanese weeks start on Sunday, English (en-GB) ones on Monday. */}
      <DatesProvider settings={{ locale: ja ? 'ja' : 'en', firstDayOfWeek: ja ? 0 : 1 }}>
        <Notifications position="top-center" />
        <QueryClientProvider client={client}>{children}</QueryClientProvider>
      </DatesProvider>
    </MantineProvider>
  );
}
