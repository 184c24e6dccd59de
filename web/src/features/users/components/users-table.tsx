import { Badge, Group, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { formatDateTime } from '@/lib/format';
import { useUsers } from '../api/get-users';

export function UsersTable() {
  const { t, i18n } = useTranslation();
  const query = useUsers();
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <Text c="dimmed">{t('users.empty')}</Text>;
  return (
    <Table.ScrollContainer minWidth={620}>
      <Table striped highlightOnHover aria-label={t('users.listTitle')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('users.displayName')}</Table.Th>
            <Table.Th>{t('users.email')}</Table.Th>
            <Table.Th>{t('users.roles')}</Table.Th>
            <Table.Th>{t('users.language')}</Table.Th>
            <Table.Th>{t('users.createdAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {query.data.items.map((u) => (
            <Table.Tr key={u.id}>
              <Table.Td>{u.displayName}</Table.Td>
              <Table.Td>{u.email}</Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {u.roles.map((r) => (
                    <Badge key={r} variant="light" size="sm">
                      {t(`role.${r}`)}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{t(`users.languageShort.${u.language === 'en' ? 'en' : 'ja'}`)}</Table.Td>
              <Table.Td>{formatDateTime(u.createdAt, i18n.language)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
