import { useTranslation } from 'react-i18next';
import { notify } from '@/lib/notify';

export function useSavedNotice() {
  const { t } = useTranslation();
  return (key = 'incident.saved') => notify(t(key));
}
