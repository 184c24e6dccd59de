import { Badge, Button, Group, Modal, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { useMe } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import type { UserDto } from '@/types';
import { useUsers } from '../api/get-users';
import { useSetUserDisabled } from '../api/set-user-disabled';
import { EditUserForm } from './edit-user-form';
import { notify } from '@/lib/notify';

export function UsersTable() {
  const { t, i18n } = useTranslation();
  const query = useUsers();
  const me = useMe();
  const toggle = useSetUserDisabled();
  const [editing, setEditing] = useState<UserDto | null>(null);
  const [disabling, setDisabling] = useState<UserDto | null>(null);
  if (query.isPending) return <PageLoader />;
  if (query.isError) return <QueryError error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.items.length === 0) return <Text c="dimmed">{t('users.empty')}</Text>;

  const setDisabled = (u: UserDto, disable: boolean) =>
    toggle.mutate(
      { id: u.id, version: u.version, disable },
      {
        onSuccess: (saved) => {
          setDisabling(null);
          notify(t(disable ? 'users.disabled' : 'users.enabled', { name: saved.displayName }));
        },
      },
    );

  return (
    <Stack gap="sm">
      <ProblemAlert error={disabling ? null : toggle.error} />
      <Table.ScrollContainer minWidth={960}>
        <Table striped highlightOnHover aria-label={t('users.listTitle')} style={{ whiteSpace: 'nowrap' }}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('users.displayName')}</Table.Th>
              <Table.Th>{t('users.email')}</Table.Th>
              <Table.Th>{t('users.roles')}</Table.Th>
              <Table.Th>{t('users.language')}</Table.Th>
              <Table.Th>{t('users.status')}</Table.Th>
              <Table.Th>{t('users.createdAt')}</Table.Th>
              <Table.Th>{t('users.actions')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {query.data.items.map((u) => {
              const self = me.data?.id === u.id;
              return (
                <Table.Tr key={u.id} data-testid={`user-${u.email}`}>
                  <Table.Td>
                    {u.displayName}
                    {self && (
                      <Text span size="xs" c="dimmed">
                        {' '}
                        ({t('users.you')})
                      </Text>
                    )}
                  </Table.Td>
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
                  <Table.Td>
                    <Badge color={u.disabled ? 'gray' : 'green'} variant={u.disabled ? 'outline' : 'light'} size="sm">
                      {t(u.disabled ? 'users.statusDisabled' : 'users.statusActive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{formatDateTime(u.createdAt, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Group gap={4} wrap="nowrap">
                      <Button size="compact-sm" variant="light" onClick={() => setEditing(u)} aria-label={t('users.editTitle', { name: u.displayName })}>
                        {t('users.edit')}
                      </Button>
                      {u.disabled ? (
                        <Button size="compact-sm" variant="subtle" loading={toggle.isPending && toggle.variables.id === u.id} onClick={() => setDisabled(u, false)}>
                          {t('users.enable')}
                        </Button>
                      ) : (
                        !self && (
                          <Button size="compact-sm" variant="subtle" color="red" onClick={() => setDisabling(u)}>
                            {t('users.disable')}
                          </Button>
                        )
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal opened={editing !== null} onClose={() => setEditing(null)} title={editing ? t('users.editTitle', { name: editing.displayName }) : ''}>
        {editing && <EditUserForm user={editing} onDone={() => setEditing(null)} />}
      </Modal>
      <Modal opened={disabling !== null} onClose={() => setDisabling(null)} title={t('users.disable')}>
        {disabling && (
          <Stack gap="md">
            <Text size="sm">{t('users.disableConfirm', { name: disabling.displayName })}</Text>
            <ProblemAlert error={toggle.error} />
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setDisabling(null)}>
                {t('users.cancel')}
              </Button>
              <Button color="red" loading={toggle.isPending} onClick={() => setDisabled(disabling, true)}>
                {t('users.disable')}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
