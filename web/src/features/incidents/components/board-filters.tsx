import { Group, SegmentedControl, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconAlertOctagon, IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { CATEGORIES, SEVERITIES, type Category, type Severity } from '@/types';
import { ATTENTION_FILTERS, type AttentionFilter } from '../utils/attention';

export type OwnerFilter = 'any' | 'me' | 'none';

/** Real incidents (the default), drill incidents (DRL-), or both: the API's kind. */
export type KindFilter = 'real' | 'drill' | 'all';

export interface BoardFilterValues {
  severity: Severity | null;
  category: Category | null;
  owner: OwnerFilter;
  /** null: every incident */
  attention: AttentionFilter | null;
  q: string;
  showClosed: boolean;
  /** absent: real (the default board never shows drills) */
  kind?: KindFilter;
}

interface Props {
  value: BoardFilterValues;
  onChange: (next: BoardFilterValues) => void;
}

const ATTENTION_LABEL: Record<AttentionFilter, string> = {
  any: 'filterAny',
  overdue: 'filterOverdue',
  escalated: 'filterEscalated',
  breached: 'filterBreached',
};

export function BoardFilters({ value, onChange }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof BoardFilterValues>(k: K, v: BoardFilterValues[K]) => onChange({ ...value, [k]: v });

  return (
    <Stack gap="xs">
      <SimpleGrid cols={{ base: 2, sm: 3, lg: 5 }} spacing="xs">
        <TextInput
          label={t('board.filters.q')}
          placeholder={t('board.filters.qPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden />}
          value={value.q}
          onChange={(e) => set('q', e.currentTarget.value)}
          type="search"
        />
        <Select
          label={t('board.filters.severity')}
          placeholder={t('board.filters.any')}
          clearable
          data={SEVERITIES.map((s) => ({ value: s, label: t(`severity.${s}`) }))}
          value={value.severity}
          onChange={(v) => set('severity', v as Severity | null)}
        />
        <Select
          label={t('board.filters.category')}
          placeholder={t('board.filters.any')}
          clearable
          data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
          value={value.category}
          onChange={(v) => set('category', v as Category | null)}
          comboboxProps={{ width: 320, position: 'bottom-start' }}
        />
        <Select
          label={t('board.attention.filter')}
          placeholder={t('board.attention.filterAll')}
          clearable
          data={ATTENTION_FILTERS.map((a) => ({ value: a, label: t(`board.attention.${ATTENTION_LABEL[a]}`) }))}
          value={value.attention}
          onChange={(v) => set('attention', v as AttentionFilter | null)}
          leftSection={value.attention ? <IconAlertOctagon size={16} aria-hidden color="var(--mantine-color-red-7)" /> : undefined}
        />
        <Stack gap={4}>
          <Text size="sm" fw={500} id="owner-filter-label">
            {t('board.filters.owner')}
          </Text>
          <SegmentedControl
            aria-labelledby="owner-filter-label"
            value={value.owner}
            onChange={(v) => set('owner', v as OwnerFilter)}
            data={[
              { value: 'any', label: t('board.filters.ownerAny') },
              { value: 'me', label: t('board.filters.ownerMe') },
              { value: 'none', label: t('board.filters.ownerNone') },
            ]}
            size="sm"
          />
        </Stack>
      </SimpleGrid>
      <Group gap="md" align="flex-end">
        <Stack gap={4}>
          <Text size="sm" fw={500} id="kind-filter-label">
            {t('board.filters.kind')}
          </Text>
          <SegmentedControl
            aria-labelledby="kind-filter-label"
            value={value.kind ?? 'real'}
            onChange={(v) => set('kind', v as KindFilter)}
            data={[
              { value: 'real', label: t('board.filters.kindReal') },
              { value: 'drill', label: t('board.filters.kindDrill') },
              { value: 'all', label: t('board.filters.kindAll') },
            ]}
            color={value.kind === 'drill' || value.kind === 'all' ? 'grape' : undefined}
            size="sm"
            data-testid="board-kind-filter"
          />
        </Stack>
        <Switch
          label={t('board.filters.showClosed')}
          checked={value.showClosed}
          onChange={(e) => set('showClosed', e.currentTarget.checked)}
        />
      </Group>
    </Stack>
  );
}
