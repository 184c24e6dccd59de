import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';

export function useSavedNotice() {
  const { t } = useTranslation();
  return (key = 'incident.saved') => notifications.show({ color: 'green', message: t(key) });
}
