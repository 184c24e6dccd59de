import { Anchor, Button, Group, Paper, Select, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { DateField } from '@/components/ui/date-fields';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { DECISION_KINDS, DECISION_STATUSES, type DecisionSummary } from '@/types';
import { useDecisions } from '../api/get-decisions';
import { decisionsCsv, downloadText } from '../utils/decision-csv';
import { isOpen } from '../utils/desk-order';
import { toDecisionFilters, type LogFilterValues } from '../utils/log-filters';
import { DecisionCountdown, DecisionStatusBadge } from './decision-badges';
import { DecisionListItem } from './incident-decisions';

function Outcome({ d }: { d: DecisionSummary }) {
  const { t, i18n } = useTranslation();
  if (isOpen(d)) return <DecisionCountdown neededBy={d.neededBy} size="xs" />;
  if (d.status === 'decided')
    return (
      <Stack gap={0}>
        <Text size="sm">{d.optionLabel}</Text>
        <Text size="xs" c="dimmed">
          {t('decisions.byAt', { name: d.decidedByName ?? '', time: formatDateTime(d.decidedAt, i18n.language) })}
        </Text>
        {d.superseded > 0 && (
          <Text size="xs" c="orange.8">
            {t('decisions.supersededCount', { count: d.superseded })}
          </Text>
        )}
      </Stack>
    );
  return null;
}

/** Every decision request of the organisation, filtered by status, kind, incident and period, with CSV export. */
export function DecisionLog({ initialIncident = '' }: { initialIncident?: string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const [v, setV] = useState<LogFilterValues>({ status: '', kind: '', incident: initialIncident, from: '', to: '' });
  const set = (patch: Partial<LogFilterValues>) => setV((old) => ({ ...old, ...patch }));
  const query = useDecisions(toDecisionFilters(v));
  // The incidents to pick from: those with any request (the unfiltered log, shared with the desk's cache).
  const all = useDecisions({});
  const incidents = [...new Map((all.data?.items ?? []).map((d) => [d.incidentId, d.incidentReference])).entries()]
    .sort((a, b) => b[1].localeCompare(a[1]))
    .map(([value, label]) => ({ value, label }));
  const items = query.data?.items ?? [];

  const exportCsv = () => {
    const stamp = new Date().toISOString().slice(0, 10);
    downloadText(decisionsCsv(items, t, lang), `decisions-${stamp}.csv`);
  };

  return (
    <Stack gap="md">
      <Group justify="space-between" wrap="wrap">
        <Title order={1} size="h2">
          {t('decisions.logTitle')}
        </Title>
        <Button variant="light" leftSection={<IconDownload size={16} aria-hidden />} onClick={exportCsv} disabled={items.length === 0}>
          {t('decisions.exportCsv')}
        </Button>
      </Group>
      <Paper withBorder p="sm" radius="md" component="form" role="search" aria-label={t('decisions.filters')}>
        <SimpleGrid cols={{ base: 2, md: 5 }} spacing="xs">
          <Select
            label={t('decisions.filterStatus')}
            clearable
            data={[{ value: 'open', label: t('decisions.openStatus') }, ...DECISION_STATUSES.map((s) => ({ value: s, label: t(`decisions.status.${s}`) }))]}
            value={v.status || null}
            onChange={(s) => set({ status: (s ?? '') as LogFilterValues['status'] })}
          />
          <Select
            label={t('decisions.filterKind')}
            clearable
            data={DECISION_KINDS.map((k) => ({ value: k, label: t(`decisions.kind.${k}`) }))}
            value={v.kind || null}
            onChange={(k) => set({ kind: (k ?? '') as LogFilterValues['kind'] })}
          />
          <Select
            label={t('decisions.filterIncident')}
            clearable
            searchable
            data={incidents}
            value={v.incident || null}
            onChange={(i) => set({ incident: i ?? '' })}
          />
          <DateField label={t('decisions.filterFrom')} value={v.from} onChange={(from) => set({ from })} />
          <DateField label={t('decisions.filterTo')} value={v.to} onChange={(to) => set({ to })} />
        </SimpleGrid>
      </Paper>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : items.length === 0 ? (
        <Text c="dimmed">{t('decisions.logEmpty')}</Text>
      ) : (
        <>
        <Stack gap="xs" hiddenFrom="sm">
          {items.map((d) => (
            <DecisionListItem key={d.id} d={d} showReference testId="decision-log-card" />
          ))}
        </Stack>
        <Table.ScrollContainer minWidth={760} visibleFrom="sm">
          <Table striped highlightOnHover verticalSpacing="xs" data-testid="decision-log">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('decisions.csv.requestedAt')}</Table.Th>
                <Table.Th>{t('decisions.csv.reference')}</Table.Th>
                <Table.Th>{t('decisions.csv.kind')}</Table.Th>
                <Table.Th>{t('decisions.csv.question')}</Table.Th>
                <Table.Th>{t('decisions.csv.status')}</Table.Th>
                <Table.Th>{t('decisions.outcomeColumn')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((d) => (
                <Table.Tr key={d.id} data-testid="decision-log-row" data-status={d.status}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>
                    <Text size="sm">{formatDateTime(d.requestedAt, lang)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/incidents/${d.incidentId}`} ff="monospace" size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {d.incidentReference}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t(`decisions.kind.${d.kind}`)}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Anchor component={Link} to={`/decisions/${d.id}`} size="sm">
                      {d.question}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <DecisionStatusBadge status={d.status} size="sm" />
                  </Table.Td>
                  <Table.Td>
                    <Outcome d={d} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        </>
      )}
    </Stack>
  );
}
