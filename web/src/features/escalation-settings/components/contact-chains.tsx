import { ActionIcon, Badge, Button, Card, Group, Modal, Stack, Text } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { IconPencil, IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageLoader, QueryError } from '@/components/ui/page-state';
import { ProblemAlert } from '@/components/ui/problem-alert';
import { isApiError } from '@/lib/api-client';
import type { ContactChainView } from '@/types';
import { useDeleteContactChain } from '../api/delete-contact-chain';
import { useContactChains } from '../api/get-contact-chains';
import { ContactChainForm } from './contact-chain-form';
import { notify } from '@/lib/notify';

type Editing = { mode: 'create' } | { mode: 'edit'; chain: ContactChainView } | null;

function ChainCard({ chain, onEdit, onDelete }: { chain: ContactChainView; onEdit: () => void; onDelete: () => void }) {
  const { t } = useTranslation();
  return (
    <Card withBorder radius="md" padding="sm" data-testid="contact-chain" component="article" aria-label={chain.name}>
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <Text fw={700}>{chain.name}</Text>
            {chain.isDefault && (
              <Badge size="sm" color="indigo">
                {t('chains.defaultBadge')}
              </Badge>
            )}
          </Group>
          <Group gap={4}>
            {chain.categories.length === 0 ? (
              <Badge size="sm" variant="light" color="gray" style={{ textTransform: 'none' }}>
                {t('chains.allCategories')}
              </Badge>
            ) : (
              chain.categories.map((c) => (
                <Badge key={c} size="sm" variant="light" style={{ textTransform: 'none' }}>
                  {t(`category.${c}`)}
                </Badge>
              ))
            )}
            {chain.department && (
              <Badge size="sm" variant="outline" color="gray" style={{ textTransform: 'none' }}>
                {chain.department}
              </Badge>
            )}
          </Group>
          <Text size="sm" c="dimmed">
            {chain.contacts.map((c, i) => (
              <span key={i}>
                {i > 0 && ' → '}
                <span style={{ whiteSpace: 'nowrap' }}>{`${i + 1}. ${c.name}`}</span>
              </span>
            ))}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          <ActionIcon variant="subtle" aria-label={t('chains.editAction', { name: chain.name })} onClick={onEdit}>
            <IconPencil size={18} aria-hidden />
          </ActionIcon>
          <ActionIcon variant="subtle" color="red" aria-label={t('chains.deleteAction', { name: chain.name })} onClick={onDelete}>
            <IconTrash size={18} aria-hidden />
          </ActionIcon>
        </Group>
      </Group>
    </Card>
  );
}

/** Contact chains: list, create/edit in a dialog, delete with confirmation. */
export function ContactChains() {
  const { t } = useTranslation();
  const query = useContactChains();
  const del = useDeleteContactChain();
  const phone = useMediaQuery('(max-width: 48em)');
  const [editing, setEditing] = useState<Editing>(null);
  const [deleting, setDeleting] = useState<ContactChainView | null>(null);

  const confirmDelete = () => {
    if (!deleting) return;
    const chain = deleting;
    del.mutate(
      { id: chain.id, version: chain.version },
      {
        onSuccess: () => {
          notify(t('chains.deleted', { name: chain.name }));
          setDeleting(null);
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 412) {
            notify(t('chains.stale'), 'warning');
            setDeleting(null);
          }
        },
      },
    );
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text fw={700}>{t('chains.list')}</Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing({ mode: 'create' })}>
          {t('chains.create')}
        </Button>
      </Group>
      {query.isPending ? (
        <PageLoader />
      ) : query.isError ? (
        <QueryError error={query.error} onRetry={() => void query.refetch()} />
      ) : query.data.items.length === 0 ? (
        <Text c="dimmed">{t('chains.empty')}</Text>
      ) : (
        query.data.items.map((c) => (
          <ChainCard key={c.id} chain={c} onEdit={() => setEditing({ mode: 'edit', chain: c })} onDelete={() => setDeleting(c)} />
        ))
      )}
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing?.mode === 'edit' ? t('chains.edit') : t('chains.create')}
        size="xl"
        fullScreen={!!phone}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {editing && (
          <ContactChainForm
            key={editing.mode === 'edit' ? `${editing.chain.id}-${editing.chain.version}` : 'new'}
            chain={editing.mode === 'edit' ? editing.chain : undefined}
            onDone={() => setEditing(null)}
          />
        )}
      </Modal>
      <Modal
        opened={deleting !== null}
        onClose={() => {
          del.reset();
          setDeleting(null);
        }}
        title={t('chains.deleteTitle')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        <Stack>
          <Text size="sm">{t('chains.deleteBody', { name: deleting?.name ?? '' })}</Text>
          <ProblemAlert error={del.error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setDeleting(null)}>
              {t('common.cancel')}
            </Button>
            <Button color="red" loading={del.isPending} onClick={confirmDelete}>
              {t('chains.delete')}
            </Button>
          </Group>
        </Stack>
      </Modal>
    </Stack>
  );
}
