import { Button, Checkbox, Group, NumberInput, SegmentedControl, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useExercises, useLogExercise, type ExerciseRequest } from '../api/exercises';

type Kind = ExerciseRequest['type'];

/** /drills/exercises (R37): backup restores, phishing simulations and other exercises held without a scenario run. */
export function ExercisesPage() {
  const { t } = useTranslation();
  const list = useExercises();
  const log = useLogExercise();
  const [type, setType] = useState<Kind>('backup-restore');
  const [title, setTitle] = useState('');
  const [date, setDate] = useState(new Date().toISOString().slice(0, 10));
  const [participants, setParticipants] = useState<number>(1);
  const [system, setSystem] = useState('');
  const [minutes, setMinutes] = useState<number>(0);
  const [ok, setOk] = useState(true);
  const [sent, setSent] = useState<number>(0);
  const [clicked, setClicked] = useState<number>(0);
  const [reported, setReported] = useState<number>(0);
  const [notes, setNotes] = useState('');
  const submit = () =>
    log.mutate({
      type, title, date, participantsCount: participants, notes: notes || undefined,
      backupRestore: type === 'backup-restore' ? { system, succeeded: ok, restoreMinutes: minutes } : undefined,
      phishing: type === 'phishing-simulation' ? { emailsSent: sent, clicked, reported } : undefined,
    });
  return (
    <Stack>
      <Title order={2}>{t('drillExercises.pageTitle')}</Title>
      <Stack gap="xs" maw={560}>
        <SegmentedControl value={type} onChange={(v) => setType(v as Kind)}
          data={(['backup-restore', 'phishing-simulation', 'other'] as const).map((v) => ({ value: v, label: t(`drillExercises.type.${v}`) }))} />
        <TextInput label={t('drillExercises.title')} value={title} onChange={(e) => setTitle(e.currentTarget.value)} maxLength={200} />
        <Group grow>
          <TextInput type="date" label={t('drillExercises.date')} value={date} onChange={(e) => setDate(e.currentTarget.value)} />
          <NumberInput label={t('drillExercises.participants')} value={participants} min={0} onChange={(v) => setParticipants(Number(v) || 0)} />
        </Group>
        {type === 'backup-restore' ? (
          <Group grow>
            <TextInput label={t('drillExercises.system')} value={system} onChange={(e) => setSystem(e.currentTarget.value)} />
            <NumberInput label={t('drillExercises.restoreMinutes')} value={minutes} min={0} onChange={(v) => setMinutes(Number(v) || 0)} />
            <Checkbox mt="lg" label={t('drillExercises.succeeded')} checked={ok} onChange={(e) => setOk(e.currentTarget.checked)} />
          </Group>
        ) : null}
        {type === 'phishing-simulation' ? (
          <Group grow>
            <NumberInput label={t('drillExercises.sent')} value={sent} min={0} onChange={(v) => setSent(Number(v) || 0)} />
            <NumberInput label={t('drillExercises.clicked')} value={clicked} min={0} onChange={(v) => setClicked(Number(v) || 0)} />
            <NumberInput label={t('drillExercises.reported')} value={reported} min={0} onChange={(v) => setReported(Number(v) || 0)} />
          </Group>
        ) : null}
        <Textarea label={t('drillExercises.notes')} value={notes} onChange={(e) => setNotes(e.currentTarget.value)} autosize minRows={2} />
        <Button w="fit-content" onClick={submit} loading={log.isPending} disabled={!title.trim()}>{t('drillExercises.log')}</Button>
        <ProblemAlert error={log.error} />
      </Stack>
      {(list.data?.items.length ?? 0) === 0 ? <Text c="dimmed">{t('drillExercises.none')}</Text> : (
        <Table striped withTableBorder>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('drillExercises.date')}</Table.Th><Table.Th>{t('drillExercises.typeLabel')}</Table.Th>
              <Table.Th>{t('drillExercises.title')}</Table.Th><Table.Th>{t('drillExercises.results')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.data!.items.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{e.date}</Table.Td>
                <Table.Td>{t(`drillExercises.type.${e.type}`)}</Table.Td>
                <Table.Td>{e.title}</Table.Td>
                <Table.Td>
                  {e.backupRestore ? t('drillExercises.restoreResult', { minutes: e.backupRestore.restoreMinutes, ok: e.backupRestore.succeeded ? '✓' : '✗' }) : null}
                  {e.phishing ? t('drillExercises.phishingResult', { click: e.clickRate ?? 0, report: e.reportRate ?? 0 }) : null}
                  {e.type === 'other' ? e.notes : null}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
