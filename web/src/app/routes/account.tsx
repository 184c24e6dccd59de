import { Paper, Stack, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ChangePasswordForm } from '@/features/users/components/change-password-form';

export function AccountRoute() {
  const { t } = useTranslation();
  return (
    <Stack gap="lg">
      <Title order={1} size="h2">
        {t('account.title')}
      </Title>
      <Paper withBorder p="md" radius="md">
        <Title order={2} size="h4" mb="md">
          {t('account.passwordTitle')}
        </Title>
        <ChangePasswordForm />
      </Paper>
    </Stack>
  );
}
