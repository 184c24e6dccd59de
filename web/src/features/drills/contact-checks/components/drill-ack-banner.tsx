import { Group, Paper, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * The drill banner of the acknowledge landing page: a strong colour and the words "drill, not a real incident". A small
 * local banner until the shared components/ui/drill-banner lands (issue 11 §2); <code>text</code> is the server's line
 * in the recipient's language when there is one.
 */
export function DrillAckBanner({ text }: { text?: string | null }) {
  const { t } = useTranslation();
  return (
    <Paper p="sm" radius="md" bg="orange.6" c="white" role="note" aria-label={t('drillBanner.label')} data-testid="drill-banner">
      <Group gap="xs" wrap="nowrap">
        <IconAlertTriangle size={22} aria-hidden />
        <Text fw={800}>{t('drillBanner.label')}</Text>
        <Text size="sm" fw={600}>
          {text || t('drillBanner.text')}
        </Text>
      </Group>
    </Paper>
  );
}
