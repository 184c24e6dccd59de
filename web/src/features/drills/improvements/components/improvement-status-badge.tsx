import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { ImprovementStatus } from '../api/improvements';

const COLOURS: Record<string, string> = { open: 'gray', 'in-progress': 'blue', done: 'teal', verified: 'green' };

export function ImprovementStatusBadge({ status, overdue }: { status: ImprovementStatus; overdue?: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <Badge color={COLOURS[status] ?? 'gray'} variant="light">{t(`drillImprovements.status.${status}`)}</Badge>
      {overdue ? <Badge color="red" variant="filled" ml={4}>{t('drillImprovements.overdue')}</Badge> : null}
    </>
  );
}
