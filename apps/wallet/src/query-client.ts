import { QueryClient } from '@tanstack/react-query';
import { isTransient } from './api.ts';

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // One quiet retry when the network or the cloud hiccups; a 4xx will not change by asking
        // again, so it shows at once.
        retry: (failureCount, error) => isTransient(error) && failureCount < 1,
        refetchOnWindowFocus: false,
        staleTime: 30_000,
      },
    },
  });
}
