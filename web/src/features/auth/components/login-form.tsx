import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { useLogin } from '@/lib/auth';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import type { MeDto } from '@/types';

const schema = z.object({
  email: z.string().trim().min(1, 'validation.required').email('validation.email'),
  password: z.string().min(1, 'validation.required'),
});
type Values = z.infer<typeof schema>;
const resolve = fieldResolver<keyof Values>(['email', 'password']);

export function LoginForm({ onLoggedIn }: { onLoggedIn: (user: MeDto) => void }) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const login = useLogin();
  const [messages, setMessages] = useState<string[]>([]);
  const {
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: { email: '', password: '' } });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    login.mutate(
      { email: v.email.trim(), password: v.password },
      {
        onSuccess: (user) => onLoggedIn(user),
        onError: (e) => {
          if (isApiError(e) && e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
        },
      },
    );
  });

  const badCredentials = isApiError(login.error) && login.error.status === 401;

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('login.title')}>
      <Stack gap="md">
        <TextInput
          label={t('login.email')}
          type="email"
          autoComplete="username"
          withAsterisk
          error={errorText(errors.email?.message)}
          {...register('email')}
        />
        <PasswordInput
          label={t('login.password')}
          autoComplete="current-password"
          withAsterisk
          error={errorText(errors.password?.message)}
          {...register('password')}
        />
        {badCredentials ? (
          <Alert color="red" role="alert">
            {t('login.failed')}
          </Alert>
        ) : (
          <ProblemAlert error={login.error} messages={messages} />
        )}
        <Button type="submit" loading={login.isPending} fullWidth size="md">
          {t('login.submit')}
        </Button>
      </Stack>
    </form>
  );
}
