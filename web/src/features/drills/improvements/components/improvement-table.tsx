import { Anchor, Button, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { nextStatuses, useChangeImprovementStatus, type ImprovementItemSummary } from '../api/improvements';
import { ImprovementStatusBadge } from './improvement-status-badge';

/** Items with owner, due date and status; the next status as buttons (the server says whether the caller may). */
export function ImprovementTable({ items, retestRunId }: { items: ImprovementItemSummary[]; retestRunId?: string }) {
  const { t } = useTranslation();
  const change = useChangeImprovementStatus();
  if (items.length === 0) return <Text c="dimmed">{t('drillImprovements.none')}</Text>;
  return (
    <Table striped withTableBorder>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('drillImprovements.title')}</Table.Th>
          <Table.Th>{t('drillImprovements.owner')}</Table.Th>
          <Table.Th>{t('drillImprovements.due')}</Table.Th>
          <Table.Th>{t('drillImprovements.statusLabel')}</Table.Th>
          <Table.Th className="no-print" />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.map((i) => (
          <Table.Tr key={i.id}>
            <Table.Td><Anchor component={Link} to={`/drills/improvements/${i.id}`}>{i.title}</Anchor></Table.Td>
            <Table.Td>{i.ownerName ?? '—'}</Table.Td>
            <Table.Td>{i.dueDate}</Table.Td>
            <Table.Td><ImprovementStatusBadge status={i.status} overdue={i.overdue} /></Table.Td>
            <Table.Td className="no-print">
              <Group gap={4}>
                {nextStatuses(i.status).map((to) => (
                  <Button key={to} size="compact-xs" variant="default" loading={change.isPending}
                    onClick={() => change.mutate({ id: i.id, version: i.version, body: { status: to } })}>
                    {t(`drillImprovements.to.${to}`)}
                  </Button>
                ))}
                {retestRunId && i.status === 'done' ? (
                  <Button size="compact-xs" color="green" loading={change.isPending}
                    onClick={() => change.mutate({ id: i.id, version: i.version, body: { status: 'verified', retestRunId } })}>
                    {t('drillImprovements.verifyByThisRun')}
                  </Button>
                ) : null}
              </Group>
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}
