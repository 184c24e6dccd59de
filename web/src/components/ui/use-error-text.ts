import { useTranslation } from 'react-i18next';

/** Form messages are either i18n keys (client validation) or server text (400): translate the former only. */
export function useErrorText() {
  const { t, i18n } = useTranslation();
  return (message: string | undefined | null): string | undefined => {
    if (!message) return undefined;
    return i18n.exists(message) ? t(message) : message;
  };
}
