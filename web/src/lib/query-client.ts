import { QueryClient } from "@tanstack/react-query";

/**
 * The app's one cache of server state (TanStack Query): the provider hands it to components,
 * and route loaders use it to start a page's requests while the page's code is still loading.
 * Auth and permission failures are not retried (they will not fix themselves), others once.
 */
export const queryClient = new QueryClient({
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
