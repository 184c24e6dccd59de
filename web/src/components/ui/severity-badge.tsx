import { Badge, type BadgeProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Severity } from '@/types';

const SEVERITY_COLOR: Record<Severity, string> = {
  low: 'teal',
  medium: 'yellow',
  high: 'orange',
  critical: 'red',
};

interface Props extends Omit<BadgeProps, 'children' | 'color'> {
  severity: Severity | null | undefined;
}

/** Severity as a coloured badge; 「未評価」 when not rated yet. */
export function SeverityBadge({ severity, ...rest }: Props) {
  const { t } = useTranslation();
  if (!severity) {
    return (
      <Badge color="gray" variant="outline" data-severity="unrated" {...rest}>
        {t('severity.unrated')}
      </Badge>
    );
  }
  return (
    <Badge
      color={SEVERITY_COLOR[severity]}
      variant={severity === 'critical' || severity === 'high' ? 'filled' : 'light'}
      data-severity={severity}
      {...rest}
    >
      {t(`severity.${severity}`)}
    </Badge>
  );
}
