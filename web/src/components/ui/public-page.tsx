import { Container, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from './language-switch';

/**
 * The page a link from a mail opens without signing in (an incident's or a drill contact's acknowledge page): narrow
 * enough for a phone, the app's name, the language switch and the page's title above its content.
 */
export function PublicPage({ title, children }: { title: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <Container size={480} px="md" py="lg">
      <Stack gap="lg">
        <Group justify="space-between" wrap="nowrap">
          <Text fw={800} size="lg" c="indigo.7">
            {t('app.name')}
          </Text>
          <LanguageSwitch />
        </Group>
        <Title order={1} size="h2">
          {title}
        </Title>
        {children}
      </Stack>
    </Container>
  );
}
