import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
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
  const [messages, setMessages] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { text: '' } });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    addNote.mutate(
      { id: incident.id, version: incident.version, body: { text: v.text.trim() } },
      {
        onSuccess: () => reset({ text: '' }),
        onError: (e) => {
          if (isApiError(e) && e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
        },
      },
    );
  });

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
        <form onSubmit={(e) => void onSubmit(e)} noValidate>
          <Stack gap="xs">
            <Textarea
              label={t('notes.add')}
              placeholder={t('notes.placeholder')}
              autosize
              minRows={2}
              error={errorText(errors.text?.message)}
              {...register('text')}
            />
            <ProblemAlert error={addNote.error} messages={messages} />
            <Button type="submit" variant="light" loading={addNote.isPending} w="fit-content">
              {t('notes.submit')}
            </Button>
          </Stack>
        </form>
      </Stack>
    </section>
  );
}
