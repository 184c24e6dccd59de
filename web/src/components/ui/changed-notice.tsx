import { Alert, Button, Group, Text } from '@mantine/core';
import { IconRefreshAlert } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Says that the record changed on the server while the user was typing; their text stays until they choose. */
export function ChangedNotice({ shown, onDiscard }: { shown: boolean; onDiscard: () => void }) {
  const { t } = useTranslation();
  if (!shown) return null;
  return (
    <Alert color="yellow" variant="light" icon={<IconRefreshAlert size={18} aria-hidden />} title={t('form.changedTitle')} role="status" data-testid="changed-notice">
      <Text size="sm">{t('form.changedBody')}</Text>
      <Group mt="xs">
        <Button size="xs" variant="default" onClick={onDiscard}>
          {t('form.discard')}
        </Button>
      </Group>
    </Alert>
  );
}
