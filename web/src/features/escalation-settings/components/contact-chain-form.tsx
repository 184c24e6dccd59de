import { zodResolver } from '@hookform/resolvers/zod';
import { ActionIcon, Button, Group, MultiSelect, Paper, Select, SimpleGrid, Stack, Switch, Text, TextInput } from '@mantine/core';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Controller, useFieldArray, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useErrorText } from '@/components/ui/use-error-text';
import { isApiError } from '@/lib/api-client';
import { applyServerErrors, fieldResolver } from '@/lib/form-errors';
import { CATEGORIES, type ContactChainView } from '@/types';
import { useSaveContactChain } from '../api/save-contact-chain';
import { notify } from '@/lib/notify';

// The same limits as the server (ConfigureEscalation.Validate), so a save is refused here, in the user's language.
const optionalText = (max: 40 | 100 | 500) => z.string().trim().max(max, `validation.max${max}`);
const contactSchema = z.object({
  name: z.string().trim().min(1, 'validation.required').max(100, 'validation.max100'),
  email: z.string().trim().min(1, 'validation.required').max(254, 'validation.email').email('validation.email'),
  phone: optionalText(40),
  role: optionalText(100),
  webhookUrl: optionalText(500).refine((v) => v === '' || /^https?:\/\/[^\s/]+/i.test(v), 'chains.webhookInvalid'),
  language: z.enum(['ja', 'en']),
});
const schema = z
  .object({
    name: z.string().trim().min(1, 'validation.required').max(100, 'validation.max100'),
    categories: z.array(z.enum(CATEGORIES)),
    department: optionalText(100),
    isDefault: z.boolean(),
    contacts: z.array(contactSchema).min(1, 'validation.required').max(20, 'validation.max20Items'),
  })
  .refine((v) => v.isDefault || v.categories.length > 0, { message: 'chains.categoriesRequired', path: ['categories'] });
type Values = z.infer<typeof schema>;
type FieldName = Parameters<ReturnType<typeof useForm<Values>>['setError']>[0];

const resolve = fieldResolver<FieldName>(['name', 'categories', 'department', 'isDefault', 'contacts'], {}, [
  /^contacts\.\d+\.(name|email|phone|role|webhookUrl|language)$/,
]);

const emptyContact = (): Values['contacts'][number] => ({ name: '', email: '', phone: '', role: '', webhookUrl: '', language: 'ja' });

function toValues(c?: ContactChainView): Values {
  if (!c) return { name: '', categories: [], department: '', isDefault: false, contacts: [emptyContact()] };
  return {
    name: c.name,
    categories: c.categories,
    department: c.department ?? '',
    isDefault: c.isDefault,
    contacts: c.contacts.map((x) => ({
      name: x.name,
      email: x.email,
      phone: x.phone ?? '',
      role: x.role ?? '',
      webhookUrl: x.webhookUrl ?? '',
      language: x.language === 'en' ? 'en' : 'ja',
    })),
  };
}

const orNull = (s: string) => (s.trim() ? s.trim() : null);

interface Props {
  chain?: ContactChainView;
  onDone: () => void;
}

/** Create or edit a contact chain: ordered contacts (add, remove, move), categories, department, default. */
export function ContactChainForm({ chain, onDone }: Props) {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const save = useSaveContactChain();
  const [messages, setMessages] = useState<string[]>([]);
  const {
    control,
    register,
    handleSubmit,
    setError,
    formState: { errors },
  } = useForm<Values>({ resolver: zodResolver(schema), defaultValues: toValues(chain) });
  const contacts = useFieldArray({ control, name: 'contacts' });

  const onSubmit = handleSubmit((v) => {
    setMessages([]);
    save.mutate(
      {
        id: chain?.id,
        version: chain?.version,
        body: {
          name: v.name.trim(),
          categories: v.categories,
          department: orNull(v.department),
          isDefault: v.isDefault,
          contacts: v.contacts.map((c) => ({
            name: c.name.trim(),
            email: c.email.trim(),
            phone: orNull(c.phone),
            role: orNull(c.role),
            webhookUrl: orNull(c.webhookUrl),
            language: c.language,
          })),
        },
      },
      {
        onSuccess: () => {
          notify(t('chains.saved', { name: v.name.trim() }));
          onDone();
        },
        onError: (e) => {
          if (!isApiError(e)) return;
          if (e.status === 400) setMessages(applyServerErrors(e, { resolve, setError }));
          if (e.status === 412) {
            notify(t('chains.stale'), 'warning');
            onDone();
          }
        },
      },
    );
  });

  return (
    <form onSubmit={(e) => void onSubmit(e)} noValidate aria-label={chain ? t('chains.edit') : t('chains.create')}>
      <Stack gap="md">
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          <TextInput label={t('chains.name')} withAsterisk error={errorText(errors.name?.message)} {...register('name')} />
          <TextInput
            label={t('chains.department')}
            description={t('chains.departmentHelp')}
            error={errorText(errors.department?.message)}
            {...register('department')}
          />
        </SimpleGrid>
        <Controller
          control={control}
          name="categories"
          render={({ field }) => (
            <MultiSelect
              label={t('chains.categories')}
              description={t('chains.categoriesHelp')}
              data={CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}`) }))}
              value={field.value}
              onChange={(v) => field.onChange(v)}
              onBlur={field.onBlur}
              searchable
              clearable
              error={errorText(errors.categories?.message)}
            />
          )}
        />
        <Controller
          control={control}
          name="isDefault"
          render={({ field }) => (
            <Switch
              label={t('chains.isDefault')}
              description={t('chains.isDefaultHelp')}
              checked={field.value}
              onChange={(e) => field.onChange(e.currentTarget.checked)}
              error={errorText(errors.isDefault?.message)}
            />
          )}
        />
        <Text fw={600} size="sm">
          {t('chains.contacts')}
        </Text>
        {errors.contacts?.message && (
          <Text c="red" size="sm" role="alert">
            {errorText(errors.contacts.message)}
          </Text>
        )}
        {contacts.fields.map((f, i) => {
          const n = i + 1;
          const ce = errors.contacts?.[i];
          return (
            <Paper key={f.id} withBorder p="sm" radius="md" data-testid="contact-row" role="group" aria-label={t('chains.contactN', { n })}>
              <Group justify="space-between" mb="xs">
                <Text size="sm" fw={700}>
                  {t('chains.contactN', { n })}
                </Text>
                <Group gap={4}>
                  <ActionIcon variant="subtle" aria-label={t('chains.moveUp', { n })} disabled={i === 0} onClick={() => contacts.move(i, i - 1)}>
                    <IconArrowUp size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    aria-label={t('chains.moveDown', { n })}
                    disabled={i === contacts.fields.length - 1}
                    onClick={() => contacts.move(i, i + 1)}
                  >
                    <IconArrowDown size={16} aria-hidden />
                  </ActionIcon>
                  <ActionIcon
                    variant="subtle"
                    color="red"
                    aria-label={t('chains.removeContact', { n })}
                    disabled={contacts.fields.length === 1}
                    onClick={() => contacts.remove(i)}
                  >
                    <IconTrash size={16} aria-hidden />
                  </ActionIcon>
                </Group>
              </Group>
              <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                <TextInput label={t('chains.contactName')} withAsterisk error={errorText(ce?.name?.message)} {...register(`contacts.${i}.name`)} />
                <TextInput
                  label={t('chains.email')}
                  type="email"
                  withAsterisk
                  error={errorText(ce?.email?.message)}
                  {...register(`contacts.${i}.email`)}
                />
                <TextInput label={t('chains.phone')} type="tel" error={errorText(ce?.phone?.message)} {...register(`contacts.${i}.phone`)} />
                <TextInput label={t('chains.role')} error={errorText(ce?.role?.message)} {...register(`contacts.${i}.role`)} />
                <TextInput
                  label={t('chains.webhookUrl')}
                  type="url"
                  error={errorText(ce?.webhookUrl?.message)}
                  {...register(`contacts.${i}.webhookUrl`)}
                />
                <Controller
                  control={control}
                  name={`contacts.${i}.language`}
                  render={({ field }) => (
                    <Select
                      label={t('chains.language')}
                      data={[
                        { value: 'ja', label: '日本語' },
                        { value: 'en', label: 'English' },
                      ]}
                      value={field.value}
                      onChange={(v) => field.onChange(v ?? 'ja')}
                      allowDeselect={false}
                      error={errorText(ce?.language?.message)}
                    />
                  )}
                />
              </SimpleGrid>
            </Paper>
          );
        })}
        <Group>
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => contacts.append(emptyContact())}>
            {t('chains.addContact')}
          </Button>
        </Group>
        <ProblemAlert error={save.error} messages={messages} />
        <Group justify="flex-end">
          <Button variant="default" onClick={onDone}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={save.isPending}>
            {t('chains.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
