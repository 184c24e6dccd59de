import { Badge, Card, Group, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { useIsAdmin } from '@/lib/auth';
import { shortHash, useLocalized } from '@/lib/localized';
import { usePlaybooks } from '../api/get-playbooks';

/** The ten playbooks, one card each, in category order. */
export function PlaybookLibrary() {
  const { t } = useTranslation();
  const l = useLocalized();
  const query = usePlaybooks();
  const admin = useIsAdmin();
  return (
    <Stack gap="md">
      <div>
        <Title order={1} size="h2">
          {t('library.title')}
        </Title>
        <Text size="sm" c="dimmed" maw={760}>
          {t('library.intro')}
        </Text>
      </div>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t('library.empty')}</Text>
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {query.data.items.map((p) => (
            <Card
              key={p.id}
              withBorder
              radius="md"
              padding="md"
              component={Link}
              to={`/playbooks/${encodeURIComponent(p.id)}`}
              data-testid="playbook-card"
              style={{ textDecoration: 'none' }}
            >
              <Stack gap={6}>
                <Group gap={6} justify="space-between" wrap="nowrap">
                  <Badge variant="light" radius="sm" tt="none">
                    {t('playbook.categoryLabel', { code: p.category, name: t(`category.${p.category}`) })}
                  </Badge>
                  <Text size="xs" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
                    {t('playbook.version', { version: p.version })}
                    {admin && ` · ${shortHash(p.contentHash)}`}
                  </Text>
                </Group>
                <Text fw={700}>{l(p.title)}</Text>
                <Text size="sm" c="dimmed" lineClamp={4}>
                  {l(p.summary)}
                </Text>
                <Text size="sm" fw={600} c="indigo.8">
                  {t('playbook.stepCount', { count: p.stepCount, required: p.requiredCount })}
                </Text>
              </Stack>
            </Card>
          ))}
        </SimpleGrid>
      )}
    </Stack>
  );
}
