import { QueryClient } from "@tanstack/react-query";

/**
 * Server state lives in TanStack Query: auth and permission failures are not retried (they
 * will not fix themselves), other failures once.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 30_000,
        refetchOnWindowFocus: true,
        retry: (failures, error) => {
          const status = (error as { status?: number } | null)?.status;
          if (status !== undefined && status >= 400 && status < 500) return false;
          return failures < 1;
        },
      },
      mutations: { retry: false },
    },
  });
}

/**
 * The app's one cache: the provider hands it to components, and route loaders use it to start
 * a page's requests while the page's code is still loading.
 */
export const queryClient = createQueryClient();
