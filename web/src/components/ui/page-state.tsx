import { Alert, Button, Center, Loader, Stack } from '@mantine/core';
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
