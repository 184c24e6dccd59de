import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, PasswordInput, Stack } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import { useChangeMyPassword } from '../api/change-my-password';
import { notify } from '@/lib/notify';

const schema = z
  .object({
    currentPassword: z.string().min(1, 'validation.required'),
    newPassword: z.string().min(12, 'validation.passwordMin').max(200, 'validation.max200'),
    confirmPassword: z.string(),
  })
  .refine((v) => v.newPassword === v.confirmPassword, { path: ['confirmPassword'], message: 'account.mismatch' });
type Values = z.infer<typeof schema>;
const resolve = fieldResolver<keyof Values>(['currentPassword', 'newPassword']);

/** The signed-in person changes their own password; their other sessions end, this one goes on. */
export function ChangePasswordForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const change = useChangeMyPassword();
  const [messages, setMessages] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { currentPassword: '', newPassword: '', confirmPassword: '' } });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    change.mutate(
      { currentPassword: v.currentPassword, newPassword: v.newPassword },
      {
        onSuccess: () => {
          notify(t('account.changed'));
          reset();
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
        },
      },
    );
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('account.passwordTitle')}>
      <Stack gap="md" maw={420}>
        <PasswordInput label={t('account.currentPassword')} autoComplete="current-password" withAsterisk
          error={errorText(errors.currentPassword?.message)} {...register('currentPassword')} />
        <PasswordInput label={t('account.newPassword')} description={t('account.newPasswordHelp')} autoComplete="new-password" withAsterisk
          error={errorText(errors.newPassword?.message)} {...register('newPassword')} />
        <PasswordInput label={t('account.confirmPassword')} autoComplete="new-password" withAsterisk
          error={errorText(errors.confirmPassword?.message)} {...register('confirmPassword')} />
        <ProblemAlert error={isApiError(change.error) && change.error.status === 400 ? null : change.error} messages={messages} />
        <Group>
          <Button type="submit" loading={change.isPending}>
            {t('account.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
