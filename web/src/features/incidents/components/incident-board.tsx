import { Box, ScrollArea, Stack, Tabs, Title } from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OPEN_STAGES, type Stage } from '@/types';
import type { IncidentFilters } from '../api/incident-keys';
import { BoardColumn } from './board-column';
import { BoardFilters, type BoardFilterValues } from './board-filters';

const INITIAL: BoardFilterValues = { severity: null, category: null, owner: 'any', attention: null, q: '', showClosed: false };

/** Responder board: one column per stage (tabs on a phone). */
export function IncidentBoard({ initial = INITIAL }: { initial?: BoardFilterValues }) {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<BoardFilterValues>(initial);
  const [q] = useDebouncedValue(filters.q.trim(), 300);
  const isPhone = useMediaQuery('(max-width: 48em)') ?? false;
  const stages: Stage[] = filters.showClosed ? [...OPEN_STAGES, 'closed'] : [...OPEN_STAGES];
  const [tab, setTab] = useState<string | null>('detection');

  const query: Omit<IncidentFilters, 'stage'> = {
    severity: filters.severity ?? undefined,
    category: filters.category ?? undefined,
    owner: filters.owner === 'any' ? undefined : filters.owner,
    attention: filters.attention ?? undefined,
    q: q || undefined,
    // The API shows real incidents unless asked; the default is left unsaid so the query key stays as before.
    kind: filters.kind && filters.kind !== 'real' ? filters.kind : undefined,
  };

  return (
    <Stack gap="md">
      <Title order={1} size="h2">
        {t('board.title')}
      </Title>
      <BoardFilters value={filters} onChange={setFilters} />
      {isPhone ? (
        <Tabs value={stages.includes(tab as Stage) ? tab : 'detection'} onChange={setTab} variant="pills" keepMounted>
          <ScrollArea type="never">
            <Tabs.List style={{ flexWrap: 'nowrap' }}>
              {stages.map((s) => (
                <Tabs.Tab key={s} value={s}>
                  {t(`stage.${s}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </ScrollArea>
          {stages.map((s) => (
            <Tabs.Panel key={s} value={s} pt="sm">
              <BoardColumn stage={s} filters={query} fill />
            </Tabs.Panel>
          ))}
        </Tabs>
      ) : (
        <ScrollArea type="auto" offsetScrollbars>
          <Box
            style={{
              display: 'grid',
              gridTemplateColumns: `repeat(${stages.length}, minmax(220px, 1fr))`,
              gap: 'var(--mantine-spacing-sm)',
              alignItems: 'start',
            }}
          >
            {stages.map((s) => (
              <BoardColumn key={s} stage={s} filters={query} />
            ))}
          </Box>
        </ScrollArea>
      )}
    </Stack>
  );
}
