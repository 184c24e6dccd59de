import { TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, orgWallToIso, zoneLabel } from '@/lib/format';
import type { FieldProps } from './date-pickers';

const DateTimePickerField = lazy(() => import('./date-pickers').then((m) => ({ default: m.DateTimePickerField })));
const DatePickerField = lazy(() => import('./date-pickers').then((m) => ({ default: m.DatePickerField })));

/**
 * The value as a picker shows it, read-only: while the picker loads, and where a form offers the picker only on
 * demand (the report form, until "earlier" is chosen, keeps the pickers out of its first load).
 */
export function DateShown({ label, value, maw, error, dateOnly }: Pick<FieldProps, 'label' | 'value' | 'maw' | 'error'> & { dateOnly?: boolean }) {
  const { t, i18n } = useTranslation();
  const shown = !value ? '' : dateOnly ? formatDate(value, i18n.language) : formatDateTime(orgWallToIso(value), i18n.language);
  const zone = dateOnly ? undefined : t('dates.zone', { zone: zoneLabel() });
  return <TextInput label={label} description={zone} value={shown} readOnly maw={maw} error={error} />;
}

/** A date and time in the user's language and the organisation's zone ("YYYY-MM-DD HH:mm:ss", '' when empty). */
export function DateTimeField(props: FieldProps & { max?: string }) {
  return (
    <Suspense fallback={<DateShown {...props} />}>
      <DateTimePickerField {...props} />
    </Suspense>
  );
}

/** A calendar day in the user's language ("YYYY-MM-DD", '' when empty). */
export function DateField(props: FieldProps) {
  return (
    <Suspense fallback={<DateShown {...props} dateOnly />}>
      <DatePickerField {...props} />
    </Suspense>
  );
}
