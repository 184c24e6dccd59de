import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, MultiSelect, Select, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import { LANGUAGES } from '@/lib/i18n';
import { ROLES, type UserDto } from '@/types';
import { useEditUser } from '../api/edit-user';
import { notify } from '@/lib/notify';

const schema = z.object({
  displayName: z.string().trim().min(1, 'validation.required').max(100, 'validation.max100')
    // One line: the server refuses control characters (tabs, line breaks) in a name.
    .refine((v) => !/\p{Cc}/u.test(v), 'validation.oneLine'),
  roles: z.array(z.enum(ROLES)).min(1, 'validation.rolesRequired'),
  language: z.enum(LANGUAGES),
});
type Values = z.infer<typeof schema>;
const known = fieldResolver<keyof Values>(['displayName', 'roles', 'language']);
/** A bad role item (roles.1) is shown on the roles field. */
const resolve = (key: string) => known(key.replace(/^((?:body\.)?roles)\.\d+$/, '$1'));

interface Props {
  user: UserDto;
  onDone: () => void;
}

/** An admin changes an account's name, roles and message language (at the version the list showed). */
export function EditUserForm({ user, onDone }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const edit = useEditUser();
  const [messages, setMessages] = useState<string[]>([]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({
    resolver: zodResolver(schema),
    defaultValues: {
      displayName: user.displayName,
      roles: user.roles.filter((r): r is (typeof ROLES)[number] => (ROLES as readonly string[]).includes(r)),
      language: user.language === 'en' ? 'en' : 'ja',
    },
  });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    edit.mutate(
      { id: user.id, version: user.version, body: { displayName: v.displayName.trim(), roles: v.roles, language: v.language } },
      {
        onSuccess: (u) => {
          notify(t('users.saved', { name: u.displayName }));
          onDone();
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
        },
      },
    );
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={t('users.editTitle', { name: user.displayName })}>
      <Stack gap="md">
        <TextInput label={t('users.displayName')} withAsterisk error={errorText(errors.displayName?.message)} {...register('displayName')} />
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
              comboboxProps={{ withinPortal: false }}
            />
          )}
        />
        <Controller
          control={control}
          name="language"
          render={({ field }) => (
            <Select
              label={t('users.language')}
              data={LANGUAGES.map((l) => ({ value: l, label: t(`users.languageName.${l}`) }))}
              value={field.value}
              onChange={(v) => field.onChange(v ?? 'ja')}
              onBlur={field.onBlur}
              allowDeselect={false}
              comboboxProps={{ withinPortal: false }}
              error={errorText(errors.language?.message)}
            />
          )}
        />
        <ProblemAlert error={edit.error} messages={messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('users.cancel')}
          </Button>
          <Button type="submit" loading={edit.isPending}>
            {t('users.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
