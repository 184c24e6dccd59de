// The pickers themselves, loaded only when a form shows one (components/ui/date-fields.tsx): @mantine/dates and
// dayjs stay out of the report page's first load.
import '@mantine/dates/styles.css';
import { DateInput, DateTimePicker } from '@mantine/dates';
import { useMediaQuery } from '@mantine/hooks';
import dayjs from 'dayjs';
import customParseFormat from 'dayjs/plugin/customParseFormat';
import 'dayjs/locale/ja';
import type { Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneLabel } from '@/lib/format';

// Typed dates (DateInput) are read in the format they are shown in.
dayjs.extend(customParseFormat);

export interface FieldProps {
  label: string;
  /** "YYYY-MM-DD HH:mm:ss" (DateTimeField) or "YYYY-MM-DD" (DateField), in the organisation's zone; '' when empty. */
  value: string;
  onChange: (value: string) => void;
  onBlur?: () => void;
  error?: string;
  withAsterisk?: boolean;
  disabled?: boolean;
  maw?: number;
  inputRef?: Ref<HTMLButtonElement | HTMLInputElement>;
}

/** Written as the rest of the app writes dates (lib/format.ts): 2026/12/03 18:31, or 3 Dec 2026, 18:31. */
const dateTimeFormat = (lang: string) => (lang === 'en' ? 'D MMM YYYY, HH:mm' : 'YYYY/MM/DD HH:mm');
const dateFormat = (lang: string) => (lang === 'en' ? 'D MMM YYYY' : 'YYYY/MM/DD');
/** Calendar headings: 2026年12月 (dayjs's Japanese default is 「12月 2026」), December 2026. */
/** Calendars in the user's language: Japanese weeks start on Sunday, English (en-GB) ones on Monday. */
const calendar = (lang: string) =>
  lang === 'en'
    ? { locale: 'en', firstDayOfWeek: 1 as const }
    : { locale: 'ja', firstDayOfWeek: 0 as const, monthLabelFormat: 'YYYY年M月', yearLabelFormat: 'YYYY年' };

/**
 * A date and time in the user's language (calendar, month names, order), in the organisation's time zone
 * (named beside the label); a phone opens it as a full-screen sheet.
 */
export function DateTimePickerField({ label, value, onChange, onBlur, error, withAsterisk, disabled, maw, inputRef, max }: FieldProps & { max?: string }) {
  const { t, i18n } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)') ?? false;
  return (
    <DateTimePicker
      label={label}
      description={t('dates.zone', { zone: zoneLabel() })}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      onBlur={onBlur}
      valueFormat={dateTimeFormat(i18n.language)}
      {...calendar(i18n.language)}
      maxDate={max}
      dropdownType={phone ? 'modal' : 'popover'}
      submitButtonProps={{ 'aria-label': t('dates.done') }}
      error={error}
      withAsterisk={withAsterisk}
      disabled={disabled}
      maw={maw}
      ref={inputRef as Ref<HTMLButtonElement>}
    />
  );
}

/** A calendar day in the user's language; typing "2026/12/03" (or "3 Dec 2026") works as well as picking. */
export function DatePickerField({ label, value, onChange, onBlur, error, withAsterisk, disabled, maw, inputRef }: FieldProps) {
  const { i18n } = useTranslation();
  return (
    <DateInput
      label={label}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      onBlur={onBlur}
      valueFormat={dateFormat(i18n.language)}
      {...calendar(i18n.language)}
      clearable
      error={error}
      withAsterisk={withAsterisk}
      disabled={disabled}
      maw={maw}
      ref={inputRef as Ref<HTMLInputElement>}
    />
  );
}
