import { Alert, Paper, Stack, Text, Title } from '@mantine/core';
import { IconCalendarCheck, IconCalendarDue } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { QueryError } from '@/components/ui/page-state';
import { formatDate } from '@/lib/format';
import { useContactCheckCadence } from '../api/get-contact-check-cadence';

/**
 * R35 on the admin page: the date of the last completed contact-chain check, and a warning when none has completed for
 * 12 months (seeds 003:540: try the chain for real about once a year).
 */
export function ContactCheckCadenceCard() {
  const { t, i18n } = useTranslation();
  const query = useContactCheckCadence();
  if (query.isPending) return null;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  const c = query.data;
  const lang = i18n.language;
  return (
    <Paper withBorder p="md" radius="md" data-testid="contact-check-cadence" data-due={c.due}>
      <Stack gap="xs">
        <Title order={2} size="h4">
          {t('contactCadence.title')}
        </Title>
        <Text size="sm">{c.lastCheckAt ? t('contactCadence.last', { date: formatDate(c.lastCheckAt, lang) }) : t('contactCadence.never')}</Text>
        {c.due ? (
          <Alert color="orange" icon={<IconCalendarDue size={18} />} role="status">
            {t('contactCadence.due')}
          </Alert>
        ) : (
          <Text size="sm" c="dimmed">
            <IconCalendarCheck size={14} aria-hidden /> {t('contactCadence.ok', { date: formatDate(c.nextDueAt, lang) })}
          </Text>
        )}
        {c.lastReminderAt && (
          <Text size="xs" c="dimmed">
            {t('contactCadence.reminded', { date: formatDate(c.lastReminderAt, lang) })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
