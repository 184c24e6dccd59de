import { Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { useCommandForm } from '@/lib/use-command-form';
import { formatDateTime } from '@/lib/format';
import type { IncidentDetail } from '@/types';
import { useAddNote } from '../api/add-note';

const schema = z.object({ text: z.string().trim().min(1, 'validation.required').max(4000, 'validation.max4000') });
type Values = z.infer<typeof schema>;
const resolve = fieldResolver<'text'>(['text']);

export function NotesPanel({ incident }: { incident: IncidentDetail }) {
  const { t, i18n } = useTranslation();
  const errorText = useErrorText();
  const addNote = useAddNote();
  const cmd = useCommandForm({
    schema,
    defaultValues: { text: '' },
    resolve,
    mutation: addNote,
    toInput: (v: Values) => ({ id: incident.id, version: incident.version, body: { text: v.text.trim() } }),
  });
  const {
    register,
    formState: { errors },
  } = cmd.form;

  return (
    <section aria-labelledby="notes-title">
      <Title order={2} size="h4" id="notes-title" mb="sm">
        {t('notes.title')}
      </Title>
      <Stack gap="xs">
        {incident.notes.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('notes.empty')}
          </Text>
        )}
        {incident.notes.map((n) => (
          <Paper key={n.id} withBorder p="sm" radius="sm">
            <Text size="xs" c="dimmed">
              {n.byName} · {formatDateTime(n.at, i18n.language)}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {n.text}
            </Text>
          </Paper>
        ))}
        <form onSubmit={cmd.onSubmit} noValidate>
          <Stack gap="xs">
            <Textarea
              label={t('notes.add')}
              placeholder={t('notes.placeholder')}
              autosize
              minRows={2}
              error={errorText(errors.text?.message)}
              {...register('text')}
            />
            <ProblemAlert error={cmd.error} messages={cmd.messages} />
            <Button type="submit" variant="light" loading={cmd.isPending} w="fit-content">
              {t('notes.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </section>
  );
}
