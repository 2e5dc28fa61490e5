import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense, useState } from "react";
import { SessionProvider } from "../features/auth/hooks/session.tsx";
import { ThemeProvider, useTheme } from "../lib/theme.tsx";
import { useToasterWanted } from "../lib/toast-slot.ts";

// Toasts only follow something the person did: their code loads with the first toast (lib/toast-slot.ts).
const Toaster = lazy(() => import("../components/ui/toaster.tsx").then((m) => ({ default: m.Toaster })));

function ThemedToaster() {
  const { resolved } = useTheme();
  const wanted = useToasterWanted();
  if (!wanted) return null;
  return (
    <Suspense fallback={null}>
      <Toaster theme={resolved} />
    </Suspense>
  );
}

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

export function AppProviders({ children }: { children: ReactNode }) {
  const [queryClient] = useState(createQueryClient);
  return (
    <ThemeProvider>
      <QueryClientProvider client={queryClient}>
        <SessionProvider>
          {children}
          <ThemedToaster />
        </SessionProvider>
      </QueryClientProvider>
    </ThemeProvider>
  );
}
