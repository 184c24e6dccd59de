import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, MultiSelect, PasswordInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import { LANGUAGES } from '@/lib/i18n';
import { ROLES } from '@/types';
import { useCreateUser } from '../api/create-user';
import { notify } from '@/lib/notify';

const schema = z.object({
  email: z.string().trim().min(1, 'validation.required').email('validation.email'),
  displayName: z.string().trim().min(1, 'validation.required').max(100, 'validation.max100'),
  roles: z.array(z.enum(ROLES)).min(1, 'validation.rolesRequired'),
  password: z.string().min(12, 'validation.passwordMin'),
  language: z.enum(LANGUAGES),
});
type Values = z.infer<typeof schema>;
const resolve = fieldResolver<keyof Values>(['email', 'displayName', 'roles', 'password', 'language']);

export function CreateUserForm() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const create = useCreateUser();
  const [messages, setMessages] = useState<string[]>([]);
  const {
    control,
    register,
    handleSubmit,
    reset,
    setError,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', displayName: '', roles: ['Reporter'], password: '', language: 'ja' },
  });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    create.mutate(
      { email: v.email.trim(), displayName: v.displayName.trim(), roles: v.roles, password: v.password, language: v.language },
      {
        onSuccess: (u) => {
          notify(t('users.created', { name: u.displayName }));
          reset();
        },
        onError: (e) => {
          if (!isApiError(e)) return;
          if (e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
          if (e.status === 409 && e.rules.some((r) => r.code === 'email_taken'))
            setError('email', { type: 'server', message: 'rule.email_taken' });
        },
      },
    );
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('users.createTitle')}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput
            label={t('users.email')}
            type="email"
            autoComplete="off"
            withAsterisk
            error={errorText(errors.email?.message)}
            {...register('email')}
          />
          <TextInput
            label={t('users.displayName')}
            withAsterisk
            error={errorText(errors.displayName?.message)}
            {...register('displayName')}
          />
          <Controller
            control={control}
            name="roles"
            render={({ field }) => (
              <MultiSelect
                label={t('users.roles')}
                withAsterisk
                data={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={errorText(errors.roles?.message)}
              />
            )}
          />
          <PasswordInput
            label={t('users.password')}
            description={t('users.passwordHelp')}
            autoComplete="new-password"
            withAsterisk
            error={errorText(errors.password?.message)}
            {...register('password')}
          />
          <Controller
            control={control}
            name="language"
            render={({ field }) => (
              <Select
                label={t('users.language')}
                description={t('users.languageHelp')}
                data={LANGUAGES.map((l) => ({ value: l, label: t(`users.languageName.${l}`) }))}
                value={field.value}
                onChange={(v) => field.onChange(v ?? 'ja')}
                onBlur={field.onBlur}
                allowDeselect={false}
                error={errorText(errors.language?.message)}
              />
            )}
          />
        </SimpleGrid>
        <ProblemAlert
          error={isApiError(create.error) && create.error.status === 409 && errors.email ? null : create.error}
          messages={messages}
        />
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('users.createSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
