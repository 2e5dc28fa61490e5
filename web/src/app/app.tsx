import { Suspense } from "react";
import { useTranslation } from "react-i18next";
import { type DataRouter, RouterProvider } from "react-router";
import { configurationProblem } from "../lib/supabase.ts";
import { AppErrorBoundary } from "./error-boundary.tsx";
import { FullPageSkeleton } from "./page-skeleton.tsx";
import { AppProviders } from "./providers.tsx";

function SetupProblem({ missing }: { missing: string[] }) {
  const { t } = useTranslation();
  return (
    <main className="mx-auto grid min-h-dvh max-w-lg place-content-center gap-3 p-6">
      <h1 className="text-2xl font-semibold">{t("setup.title")}</h1>
      <p className="text-muted-foreground">{t("setup.body", { names: missing.join(", ") })}</p>
    </main>
  );
}

/** Root component: configuration check, providers, router (made by main.tsx, app/router.tsx). */
export function App({ router }: { router: DataRouter }) {
  if (configurationProblem) return <SetupProblem missing={configurationProblem} />;
  return (
    <AppErrorBoundary>
      <AppProviders>
        {/* A page whose texts are still loading shows the skeleton instead of keys. */}
        <Suspense fallback={<FullPageSkeleton />}>
          <RouterProvider router={router} />
        </Suspense>
      </AppProviders>
    </AppErrorBoundary>
  );
}
