import { TextInput } from '@mantine/core';
import { lazy, Suspense } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate, formatDateTime, orgWallToIso } from '@/lib/format';
import type { FieldProps } from './date-pickers';

const DateTimePickerField = lazy(() => import('./date-pickers').then((m) => ({ default: m.DateTimePickerField })));
const DatePickerField = lazy(() => import('./date-pickers').then((m) => ({ default: m.DatePickerField })));

/** While the picker loads, the value as it will be shown, read-only (the report form starts on a "when" chip). */
function Loading({ label, value, maw, dateOnly }: Pick<FieldProps, 'label' | 'value' | 'maw'> & { dateOnly?: boolean }) {
  const { i18n } = useTranslation();
  const shown = !value ? '' : dateOnly ? formatDate(value, i18n.language) : formatDateTime(orgWallToIso(value), i18n.language);
  return <TextInput label={label} value={shown} readOnly maw={maw} />;
}

/** A date and time in the user's language and the organisation's zone ("YYYY-MM-DD HH:mm:ss", '' when empty). */
export function DateTimeField(props: FieldProps & { max?: string }) {
  return (
    <Suspense fallback={<Loading {...props} />}>
      <DateTimePickerField {...props} />
    </Suspense>
  );
}

/** A calendar day in the user's language ("YYYY-MM-DD", '' when empty). */
export function DateField(props: FieldProps) {
  return (
    <Suspense fallback={<Loading {...props} dateOnly />}>
      <DatePickerField {...props} />
    </Suspense>
  );
}
