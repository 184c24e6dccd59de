import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { formatDateTime } from '@/lib/format';
import { notify } from '@/lib/notify';
import { useCommandForm } from '@/lib/use-command-form';
import type { DecisionDetail } from '@/types';
import { useAnswerInfo, useAskInfo } from '../api/decision-command';

const askSchema = z.object({ question: z.string().trim().min(1, 'decisions.validation.questionRequired').max(2000, 'validation.max2000') });
const answerSchema = z.object({ answer: z.string().trim().min(1, 'decisions.validation.answerRequired').max(4000, 'validation.max4000') });

function AskInfoForm({ decision }: { decision: DecisionDetail }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const ask = useAskInfo();
  const cmd = useCommandForm({
    schema: askSchema,
    defaultValues: { question: '' },
    resolve: fieldResolver(['question'] as const),
    mutation: ask,
    toInput: (v: z.infer<typeof askSchema>) => ({ id: decision.id, version: decision.version, body: { question: v.question } }),
    onSuccess: () => notify(t('decisions.askedNotice')),
  });
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('decisions.askInfo')}>
      <Stack gap="xs">
        <Textarea
          label={t('decisions.askInfo')}
          description={t('decisions.askInfoHelp')}
          autosize
          minRows={2}
          error={errorText(cmd.form.formState.errors.question?.message)}
          {...cmd.form.register('question')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={cmd.isPending}>
            {t('decisions.askInfoSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function AnswerInfoForm({ decision, questionId }: { decision: DecisionDetail; questionId: string }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const answer = useAnswerInfo();
  const cmd = useCommandForm({
    schema: answerSchema,
    defaultValues: { answer: '' },
    resolve: fieldResolver(['answer'] as const),
    mutation: answer,
    toInput: (v: z.infer<typeof answerSchema>) => ({ id: decision.id, version: decision.version, body: { questionId, answer: v.answer } }),
    onSuccess: () => notify(t('decisions.answeredNotice')),
  });
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('decisions.answer')}>
      <Stack gap="xs">
        <Textarea
          label={t('decisions.answer')}
          autosize
          minRows={2}
          error={errorText(cmd.form.formState.errors.answer?.message)}
          {...cmd.form.register('answer')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button type="submit" size="xs" loading={cmd.isPending}>
            {t('decisions.answerSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

interface Props {
  decision: DecisionDetail;
  /** an Executive who may decide asks for information */
  mayAsk: boolean;
  /** responders and admins answer */
  mayAnswer: boolean;
}

/** Questions the approvers asked before deciding, and the requester side's answers. */
export function InfoPanel({ decision, mayAsk, mayAnswer }: Props) {
  const { t, i18n } = useTranslation();
  const [asking, setAsking] = useState(false);
  const open = decision.status === 'requested' || decision.status === 'info_asked';
  if (decision.info.length === 0 && !(open && mayAsk)) return null;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="decision-info">
      <Stack gap="sm">
        <Title order={2} size="h4" id="decision-info">
          {t('decisions.infoTitle')}
        </Title>
        {decision.info.map((q) => (
          <Stack key={q.questionId} gap={4} data-testid="info-question" data-answered={!!q.answer}>
            <Text size="sm" fw={600} style={{ whiteSpace: 'pre-wrap' }}>
              {t('decisions.questionBy', { name: q.askedByName ?? '', time: formatDateTime(q.askedAt, i18n.language) })}
            </Text>
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {q.question}
            </Text>
            {q.answer ? (
              <Paper bg="gray.0" p="xs" radius="sm">
                <Text size="xs" c="dimmed">
                  {t('decisions.answerBy', { name: q.answeredByName ?? '', time: formatDateTime(q.answeredAt, i18n.language) })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {q.answer}
                </Text>
              </Paper>
            ) : open && mayAnswer ? (
              <AnswerInfoForm decision={decision} questionId={q.questionId} />
            ) : (
              <Text size="xs" c="dimmed">
                {t('decisions.notAnswered')}
              </Text>
            )}
          </Stack>
        ))}
        {open && mayAsk &&
          (asking ? (
            <AskInfoForm decision={decision} />
          ) : (
            <Group>
              <Button variant="subtle" size="xs" onClick={() => setAsking(true)}>
                {t('decisions.askInfo')}
              </Button>
            </Group>
          ))}
      </Stack>
    </Paper>
  );
}
