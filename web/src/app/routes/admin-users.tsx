import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { CreateUserForm } from '@/features/users/components/create-user-form';
import { UsersTable } from '@/features/users/components/users-table';

export function AdminUsersRoute() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('users.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="md">
          {t('users.createTitle')}
        </Title>
        <CreateUserForm />
      </Paper>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="md">
          {t('users.listTitle')}
        </Title>
        <UsersTable />
      </Paper>
    </Stack>
  );
}
