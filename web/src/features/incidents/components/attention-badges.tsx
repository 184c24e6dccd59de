import { Badge, Group, type MantineColor } from '@mantine/core';
import { IconAlertOctagon, IconArrowBigUpLines, IconClockExclamation, IconCopy } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { wrappingBadge } from '@/components/ui/badge-styles';
import type { IncidentSummary } from '@/types';
import { attentionStates, type AttentionState } from '../utils/attention';

const LOOK: Record<AttentionState, { color: MantineColor; variant: 'filled' | 'light' | 'outline'; icon: ReactNode }> = {
  breached: { color: 'red.9', variant: 'filled', icon: <IconAlertOctagon size={12} aria-hidden /> },
  overdue: { color: 'red', variant: 'filled', icon: <IconClockExclamation size={12} aria-hidden /> },
  escalated: { color: 'orange', variant: 'light', icon: <IconArrowBigUpLines size={12} aria-hidden /> },
};


/**
 * Overdue, escalated and breached as badges that differ in colour, icon and words (never colour alone), and a
 * possible duplicate (responders only: the API never sends it to reporters).
 */
export function AttentionBadges({ incident }: { incident: IncidentSummary }) {
  const { t } = useTranslation();
  const states = attentionStates(incident);
  const duplicate = incident.possibleDuplicateOf;
  if (states.length === 0 && !duplicate) return null;
  return (
    <Group gap={4} mt={6} wrap="wrap" data-testid="attention">
      {states.map((s) => (
        <Badge
          key={s}
          size="xs"
          color={LOOK[s].color}
          variant={LOOK[s].variant}
          leftSection={LOOK[s].icon}
          styles={wrappingBadge}
          data-testid="attention-badge"
          data-attention={s}
          title={t(`board.attention.${s}Title`, { n: incident.escalationLevel + 1 })}
        >
          {t(`board.attention.${s}`)}
        </Badge>
      ))}
      {duplicate && (
        <Badge
          size="xs"
          color="grape"
          variant="outline"
          leftSection={<IconCopy size={12} aria-hidden />}
          styles={wrappingBadge}
          data-testid="attention-badge"
          data-attention="duplicate"
          title={t('board.attention.duplicateTitle', { reference: duplicate.reference })}
        >
          {t('board.attention.duplicateBadge', { reference: duplicate.reference })}
        </Badge>
      )}
    </Group>
  );
}
