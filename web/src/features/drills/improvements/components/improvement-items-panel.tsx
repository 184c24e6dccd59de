import { Button, Group, Stack, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '@/lib/auth';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useCreateImprovement, useImprovements } from '../api/improvements';
import { ImprovementTable } from './improvement-table';

/**
 * The improvement items of one drill run (the report page embeds it): the run's items, and a quick form to add one
 * owned by the caller, due in 30 days (the item page edits owner, due date and playbook step).
 */
export function ImprovementItemsPanel({ runId, scenarioId }: { runId: string; scenarioId: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const items = useImprovements({ runId });
  const create = useCreateImprovement();
  const [title, setTitle] = useState('');
  const staff = !!me.data?.roles.some((r) => r === 'Responder' || r === 'Admin');
  return (
    <Stack gap="xs" data-scenario={scenarioId}>
      <Title order={3}>{t('drillImprovements.panelTitle')}</Title>
      <ImprovementTable items={items.data?.items ?? []} />
      {staff && me.data ? (
        <Group className="no-print" align="end">
          <TextInput label={t('drillImprovements.newTitle')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} />
          <Button disabled={!title.trim()} loading={create.isPending}
            onClick={() => create.mutate({ title, ownerId: me.data!.id, dueDate: dueIn30Days(), source: { runId } }, { onSuccess: () => setTitle('') })}>
            {t('drillImprovements.add')}
          </Button>
        </Group>
      ) : null}
      {create.error ? <ProblemAlert error={create.error} /> : null}
    </Stack>
  );
}

/** Thirty days from now (the item page changes it). */
function dueIn30Days() {
  return new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
}
