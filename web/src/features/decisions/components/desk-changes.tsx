import { Anchor, Group, List, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '@/lib/format';
import { useDecisions } from '../api/get-decisions';
import { decisionChangesSince } from '../utils/desk-order';

/** Decisions asked, decided, lapsed or withdrawn since the last visit (the route keeps the time). */
export function DecisionChangesSince({ since }: { since: string | null }) {
  const { t, i18n } = useTranslation();
  const query = useDecisions({}, !!since);
  const changes = query.data ? decisionChangesSince(query.data.items, since) : [];
  if (!since || !query.data) return null;
  if (changes.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('desk.noDecisionChanges')}
      </Text>
    );
  return (
    <List spacing={6} size="sm" listStyleType="none" data-testid="decision-changes">
      {changes.map(({ decision: d, change, at }) => (
        <List.Item key={`${d.id}-${change}`} data-change={change}>
          <Group gap={6} wrap="wrap">
            <Text size="xs" c="dimmed">
              {formatDateTime(at, i18n.language)}
            </Text>
            <Anchor component={Link} to={`/decisions/${d.id}`} size="sm">
              {t(`desk.change.${change}`, { reference: d.incidentReference, kind: t(`decisions.kind.${d.kind}`), option: d.optionLabel ?? '' })}
            </Anchor>
          </Group>
        </List.Item>
      ))}
    </List>
  );
}
