import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DrillFormat, DrillStatus } from '@/types';

const STATUS_COLOR: Record<DrillStatus, string> = {
  scheduled: 'blue',
  running: 'green',
  paused: 'yellow',
  stopped: 'red',
  ended: 'gray',
  cancelled: 'gray',
};

export function DrillStatusBadge({ status, ...rest }: { status: DrillStatus } & Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant={status === 'stopped' ? 'filled' : 'light'} radius="sm" tt="none" data-testid="drill-status" data-status={status} {...rest}>
      {t(`drillRuns.status.${status}`)}
    </Badge>
  );
}

export function DrillFormatBadge({ format, ...rest }: { format: DrillFormat } & Omit<BadgeProps, 'children'>) {
  const { t } = useTranslation();
  return (
    <Badge color="grape" variant="outline" radius="sm" tt="none" {...rest}>
      {t(`drillRuns.format.${format}`)}
    </Badge>
  );
}
