import { SegmentedControl } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { setLanguage, type Language } from '@/lib/i18n';

export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  return (
    <SegmentedControl
      size="xs"
      aria-label={t('lang.label')}
      value={i18n.language === 'en' ? 'en' : 'ja'}
      onChange={(v) => setLanguage(v as Language)}
      data={[
        { value: 'ja', label: '日本語' },
        { value: 'en', label: 'EN' },
      ]}
    />
  );
}
