import { QueryClient } from '@tanstack/react-query';
import { isApiError } from './api-client';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 10_000,
        refetchOnWindowFocus: true,
        // Client errors (401/403/404...) will not change by retrying.
        retry: (count, error) => (isApiError(error) && error.status >= 400 && error.status < 500 ? false : count < 2),
      },
      mutations: { retry: false },
    },
  });
}
