import { Badge, Group } from '@mantine/core';
import { IconAlarm, IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { formatCountdown, useNow } from '@/lib/countdown';
import { formatDateTime } from '@/lib/format';
import { wrappingBadge } from './badge-styles';

interface Props {
  dueAt: string;
  /** label before the countdown, e.g. 受付期限 */
  label?: string;
  breached?: boolean;
  /** fixed time (tests); otherwise ticks every 30 s */
  now?: Date;
  size?: 'xs' | 'sm' | 'md';
}

/** A deadline as 「受付期限 あと12分」 / "Acknowledge: 12 min left", red when overdue, with an SLA-breach marker. */
export function CountdownBadge({ dueAt, label, breached = false, now, size = 'sm' }: Props) {
  const { t, i18n } = useTranslation();
  const current = useNow(30_000, now);
  const c = formatCountdown(t, dueAt, current, breached, label);
  return (
    <Group gap={4} wrap="wrap" data-testid="countdown" data-overdue={c.overdue} data-breached={breached}>
      <Badge
        size={size}
        variant={c.overdue ? 'filled' : 'light'}
        color={c.overdue ? 'red' : 'blue'}
        leftSection={<IconAlarm size={12} aria-hidden />}
        title={formatDateTime(dueAt, i18n.language)}
        styles={wrappingBadge}
      >
        {c.text}
      </Badge>
      {breached && (
        <Badge size={size} color="red" variant="outline" leftSection={<IconAlertTriangle size={12} aria-hidden />} styles={wrappingBadge}>
          {t('countdown.breached')}
        </Badge>
      )}
    </Group>
  );
}
