import { Alert, Anchor, Text } from '@mantine/core';
import { IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { IncidentDetail } from '@/types';

/** On a responder's incident page: filing found a nearly identical report, with a link to it (never sent to reporters). */
export function PossibleDuplicateAlert({ incident }: { incident: Pick<IncidentDetail, 'possibleDuplicateOf'> }) {
  const { t } = useTranslation();
  const d = incident.possibleDuplicateOf;
  if (!d) return null;
  return (
    <Alert
      color="grape"
      variant="light"
      icon={<IconCopy size={18} aria-hidden />}
      title={t('board.attention.duplicateAlertTitle')}
      data-testid="possible-duplicate"
    >
      <Text size="sm">{t('board.attention.duplicateAlertBody', { reference: d.reference, percent: Math.round(d.similarity * 100) })}</Text>
      <Anchor component={Link} to={`/incidents/${d.id}`} size="sm" fw={600} mt={4} display="inline-block">
        {t('board.attention.duplicateOpen', { reference: d.reference })}
      </Anchor>
    </Alert>
  );
}
