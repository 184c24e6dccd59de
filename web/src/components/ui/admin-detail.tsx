import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useIsAdmin } from '@/lib/auth';

/**
 * Details only admins need (a seed's file name and lines, a playbook's content hash), folded away under a small
 * 「管理者向けの詳細」; nothing at all for anyone else.
 */
export function AdminDetail({ children, testId }: { children: ReactNode; testId?: string }) {
  const { t } = useTranslation();
  if (!useIsAdmin()) return null;
  return (
    <Box component="details" data-testid={testId ?? 'admin-detail'} style={{ display: 'inline-block', verticalAlign: 'top' }}>
      <Text component="summary" size="xs" c="dimmed" style={{ cursor: 'pointer' }}>
        {t('common.adminDetail')}
      </Text>
      <Text size="xs" c="dimmed" ff="monospace" component="div">
        {children}
      </Text>
    </Box>
  );
}
