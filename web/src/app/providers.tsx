import { QueryClientProvider } from "@tanstack/react-query";
import { lazy, type ReactNode, Suspense } from "react";
import { SessionProvider } from "../features/auth/hooks/session.tsx";
import { queryClient } from "../lib/query-client.ts";
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

export function AppProviders({ children }: { children: ReactNode }) {
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
