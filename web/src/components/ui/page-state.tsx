import { Alert, Button, Center, Loader, Skeleton, Stack } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { isApiError } from '@/lib/api-client';

export function PageLoader() {
  const { t } = useTranslation();
  return (
    <Center py="xl">
      <Loader aria-label={t('common.loading')} />
    </Center>
  );
}

/**
 * The shape of a page while its code or the session loads (a heading, a line, two blocks): the page does not
 * go blank, and nothing jumps when the real content arrives.
 */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <Stack gap="md" p={{ base: 'sm', sm: 'md' }} aria-busy="true" aria-label={t('common.loading')} data-testid="page-skeleton">
      <Skeleton height={28} width="40%" radius="sm" />
      <Skeleton height={14} width="70%" radius="sm" />
      <Skeleton height={120} radius="md" />
      <Skeleton height={120} radius="md" />
    </Stack>
  );
}

export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useTranslation();
  const status = isApiError(error) ? error.status : -1;
  const key = status === 403 ? 'errors.forbidden' : status === 404 ? 'errors.notFound' : status === 0 ? 'errors.network' : 'errors.generic';
  return (
    <Stack>
      <Alert color="red" title={t(key)} role="alert">
        {isApiError(error) ? (error.detail ?? error.title) : error instanceof Error ? error.message : ''}
      </Alert>
      {onRetry && (
        <Button variant="light" onClick={onRetry} w="fit-content">
          {t('common.retry')}
        </Button>
      )}
    </Stack>
  );
}
