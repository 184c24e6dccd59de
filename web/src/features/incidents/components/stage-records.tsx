import { Accordion, Badge, Group, List, SimpleGrid, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { IncidentDetail } from '@/types';
import { passedStages, stageRecord, type RecordRow } from '../utils/stage-records';

function Row({ row }: { row: RecordRow }) {
  return (
    <div data-testid="record-row" data-field={row.key}>
      <Text size="xs" c="dimmed">
        {row.label}
      </Text>
      {Array.isArray(row.value) ? (
        <List size="sm" spacing={2}>
          {row.value.map((v, i) => (
            <List.Item key={`${i}-${v}`}>{v}</List.Item>
          ))}
        </List>
      ) : (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
          {row.value}
        </Text>
      )}
    </div>
  );
}

/** Read-only: what each stage the incident has left recorded, with who saved it and when (all, once closed). */
export function StageRecords({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const stages = passedStages(incident);
  // Closed: every record open. While working: the stage just left, the rest one click away. Follows the
  // incident into its next stage (state adjusted while rendering, as in PlaybookChecklist).
  const opened = (): string[] => (incident.stage === 'closed' ? stages : stages.slice(-1));
  const [expanded, setExpanded] = useState<string[]>(opened);
  const [shownStage, setShownStage] = useState(incident.stage);
  if (shownStage !== incident.stage) {
    setShownStage(incident.stage);
    setExpanded(opened());
  }
  if (stages.length === 0) return null;
  const records = stages.map((s) => stageRecord(incident, s, t, i18n.language));
  return (
    <section aria-labelledby="stage-records-title" data-testid="stage-records">
      <Title order={2} size="h4" id="stage-records-title" mb="sm">
        {t('records.title')}
      </Title>
      <Accordion
        multiple
        value={expanded}
        onChange={setExpanded}
        variant="separated"
        chevronPosition="left"
      >
        {records.map((r) => (
          <Accordion.Item key={r.stage} value={r.stage} data-testid={`record-${r.stage}`}>
            <Accordion.Control>
              <Group gap="xs" wrap="wrap">
                <Text fw={700}>{t(`incident.formTitle.${r.stage}`)}</Text>
                <Badge size="xs" variant="light" color="gray" tt="none">
                  {t('records.readOnly')}
                </Badge>
              </Group>
              <Text size="xs" c="dimmed" data-testid="record-by">
                {r.byLine ?? t('records.notRecorded')}
              </Text>
            </Accordion.Control>
            <Accordion.Panel>
              {r.rows.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('records.notRecorded')}
                </Text>
              ) : (
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm" verticalSpacing="sm">
                  {r.rows.map((row) => (
                    <Row key={row.key} row={row} />
                  ))}
                </SimpleGrid>
              )}
            </Accordion.Panel>
          </Accordion.Item>
        ))}
      </Accordion>
    </section>
  );
}
