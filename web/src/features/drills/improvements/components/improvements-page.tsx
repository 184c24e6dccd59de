import { Button, Group, SegmentedControl, Stack, Switch, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { PageLoader } from '@/components/ui/page-state';
import { nextStatuses, useChangeImprovementStatus, useEditImprovement, useImprovement, useImprovements, type ImprovementItemView } from '../api/improvements';
import { ImprovementStatusBadge } from './improvement-status-badge';
import { ImprovementTable } from './improvement-table';

/** /drills/improvements: every item the caller may see (a reporter: their own), by status; /drills/improvements/:id edits one. */
export function ImprovementsPage({ itemId }: { itemId?: string }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState('active');
  const [mine, setMine] = useState(false);
  const list = useImprovements({ status: status === 'all' ? undefined : status, mine });
  return (
    <Stack>
      <Title order={2}>{t('drillImprovements.pageTitle')}</Title>
      {itemId ? <ImprovementEditor id={itemId} /> : null}
      <Group>
        <SegmentedControl value={status} onChange={setStatus} data={['active', 'done', 'verified', 'all'].map((v) => ({ value: v, label: t(`drillImprovements.filter.${v}`) }))} />
        <Switch checked={mine} onChange={(e) => setMine(e.currentTarget.checked)} label={t('drillImprovements.mine')} />
      </Group>
      {list.isPending ? <PageLoader /> : <ImprovementTable items={list.data?.items ?? []} />}
      {list.error ? <ProblemAlert error={list.error} /> : null}
    </Stack>
  );
}

function ImprovementEditor({ id }: { id: string }) {
  const item = useImprovement(id);
  if (item.isPending) return <PageLoader />;
  if (!item.data) return <ProblemAlert error={item.error} />;
  // A new version (saved here, or changed by someone else) starts the form afresh.
  return <ImprovementForm key={item.data.version} v={item.data} />;
}

function ImprovementForm({ v }: { v: ImprovementItemView }) {
  const { t } = useTranslation();
  const id = v.id;
  const edit = useEditImprovement();
  const change = useChangeImprovementStatus();
  const [title, setTitle] = useState(v.title);
  const [detail, setDetail] = useState(v.detail ?? '');
  const [due, setDue] = useState(v.dueDate);
  const [note, setNote] = useState('');
  return (
    <Stack gap="xs" p="md" style={{ border: '1px solid var(--mantine-color-gray-3)', borderRadius: 8 }}>
      <Group><ImprovementStatusBadge status={v.status} overdue={v.overdue} /><Text size="sm">{v.ownerName}</Text></Group>
      <TextInput label={t('drillImprovements.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} disabled={!v.mayEdit} maxLength={200} />
      <Textarea label={t('drillImprovements.detail')} value={detail} onChange={(e) => setDetail(e.currentTarget.value)} disabled={!v.mayEdit} autosize minRows={2} />
      <TextInput type="date" label={t('drillImprovements.due')} value={due} onChange={(e) => setDue(e.currentTarget.value)} disabled={!v.mayEdit} />
      {v.playbookStep ? <Text size="sm">{t('drillImprovements.playbookStep')}: {v.playbookStep.playbookId} / {v.playbookStep.stepId}</Text> : null}
      {v.mayEdit ? (
        <Button w="fit-content" loading={edit.isPending}
          onClick={() => edit.mutate({ id, version: v.version, body: { title, detail, dueDate: due !== v.dueDate ? due : undefined } })}>
          {t('drillImprovements.save')}
        </Button>
      ) : null}
      {v.mayChangeStatus && nextStatuses(v.status).length > 0 ? (
        <Group align="end">
          <TextInput label={t('drillImprovements.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} maxLength={2000} />
          {nextStatuses(v.status).map((to) => (
            <Button key={to} variant="default" loading={change.isPending}
              onClick={() => change.mutate({ id, version: v.version, body: { status: to, note: note || undefined } }, { onSuccess: () => setNote('') })}>
              {t(`drillImprovements.to.${to}`)}
            </Button>
          ))}
        </Group>
      ) : null}
      <ProblemAlert error={edit.error ?? change.error} />
      <Text size="xs" c="dimmed">
        {v.reminders.map((r) => `${t(`drillImprovements.reminder.${r.kind}`)} ${new Date(r.dueAt).toLocaleString()}${r.sentAt ? ' ✓' : ''}`).join(' · ')}
      </Text>
    </Stack>
  );
}
