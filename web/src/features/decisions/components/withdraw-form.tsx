import { Button, Group, Stack, Textarea } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { fieldResolver } from '@/lib/form-errors';
import { notify } from '@/lib/notify';
import { useCommandForm } from '@/lib/use-command-form';
import type { DecisionDetail } from '@/types';
import { useWithdraw } from '../api/decision-command';

const schema = z.object({ reason: z.string().trim().min(1, 'validation.reasonRequired').max(2000, 'validation.max2000') });

/** The requester's side withdraws an open request, saying why. */
export function WithdrawForm({ decision, onDone }: { decision: DecisionDetail; onDone: () => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const withdraw = useWithdraw();
  const cmd = useCommandForm({
    schema,
    defaultValues: { reason: '' },
    resolve: fieldResolver(['reason'] as const),
    mutation: withdraw,
    toInput: (v: z.infer<typeof schema>) => ({ id: decision.id, version: decision.version, body: { reason: v.reason } }),
    onSuccess: () => {
      notify(t('decisions.withdrawnNotice'));
      onDone();
    },
  });
  return (
    <form onSubmit={cmd.onSubmit} noValidate aria-label={t('decisions.withdraw')}>
      <Stack gap="xs">
        <Textarea
          label={t('decisions.withdrawReason')}
          withAsterisk
          autosize
          minRows={2}
          error={errorText(cmd.form.formState.errors.reason?.message)}
          {...cmd.form.register('reason')}
        />
        <ProblemAlert error={cmd.error} messages={cmd.messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" color="red" loading={cmd.isPending}>
            {t('decisions.withdrawSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
