import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CountdownBadge } from '@/components/ui/countdown-badge';
import type { DecisionStatus } from '@/types';

const STATUS_COLOR: Record<DecisionStatus, string> = {
  requested: 'orange',
  info_asked: 'grape',
  decided: 'teal',
  lapsed: 'red',
  withdrawn: 'gray',
};

/** 判断待ち / 確認中 / 決定済み / 期限切れ / 取り下げ */
export function DecisionStatusBadge({ status, ...rest }: { status: DecisionStatus } & Omit<BadgeProps, 'children' | 'color'>) {
  const { t } = useTranslation();
  return (
    <Badge color={STATUS_COLOR[status]} variant="light" radius="sm" tt="none" data-testid="decision-status" data-status={status} {...rest}>
      {t(`decisions.status.${status}`)}
    </Badge>
  );
}

/** 「判断期限 あと1時間5分」: the countdown to a pending request's needed-by. */
export function DecisionCountdown({ neededBy, now, size }: { neededBy: string; now?: Date; size?: 'xs' | 'sm' | 'md' }) {
  const { t } = useTranslation();
  return <CountdownBadge dueAt={neededBy} label={t('decisions.neededByLabel')} now={now} size={size} />;
}
