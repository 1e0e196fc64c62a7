import { QueryClient } from '@tanstack/react-query';
import { CallError } from './invoke';

/** Errors a retry cannot fix: the function said no, or the caller lacks the right. */
const FINAL_ERRORS = new Set([
  'ValidationError',
  'UnauthorizedError',
  'ForbiddenError',
  'NotFoundError',
  'ConflictError',
  'AccessDenied',
  'ExpiredToken',
]);

export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: false,
        retry: (failureCount, error) =>
          !(error instanceof CallError && FINAL_ERRORS.has(error.errorType)) && failureCount < 2,
      },
      mutations: { retry: false },
    },
  });
}

/** The app's one QueryClient. */
export const queryClient = createQueryClient();
