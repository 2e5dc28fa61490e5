import { Component, type ErrorInfo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { isRouteErrorResponse, Link, useRouteError } from "react-router";
import { Button } from "../components/ui/button.tsx";

function ProblemScreen({ title, body, onRetry }: { title: string; body: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  return (
    <main className="mx-auto grid min-h-dvh max-w-md place-content-center gap-4 p-6 text-center">
      <title>{`${title} · ${t("app.name")}`}</title>
      <h1 className="text-2xl font-semibold">{title}</h1>
      <p className="text-muted-foreground">{body}</p>
      <div className="flex flex-wrap justify-center gap-3">
        {onRetry ? <Button onClick={onRetry}>{t("errorBoundary.retry")}</Button> : null}
        <Button variant="outline" asChild>
          <a href="/">{t("errorBoundary.home")}</a>
        </Button>
      </div>
    </main>
  );
}

/** Shown for unknown addresses; a plain way back instead of a blank page. */
export function NotFoundScreen() {
  const { t } = useTranslation();
  return (
    <main className="mx-auto grid min-h-dvh max-w-md place-content-center gap-4 p-6 text-center">
      <title>{`${t("errorBoundary.notFoundTitle")} · ${t("app.name")}`}</title>
      <h1 className="text-2xl font-semibold">{t("errorBoundary.notFoundTitle")}</h1>
      <p className="text-muted-foreground">{t("errorBoundary.notFoundBody")}</p>
      <div>
        <Button asChild>
          <Link to="/">{t("errorBoundary.home")}</Link>
        </Button>
      </div>
    </main>
  );
}

/**
 * Route-level boundary: a crash or a chunk that failed to load (e.g. after a deploy) becomes a
 * friendly screen with "try again" (a reload fetches the current chunks). Details go to the
 * console for developers, never onto the screen.
 */
export function RouteErrorScreen() {
  const error = useRouteError();
  const { t } = useTranslation();
  if (isRouteErrorResponse(error) && error.status === 404) return <NotFoundScreen />;
  console.error(error);
  return (
    <ProblemScreen title={t("errorBoundary.title")} body={t("errorBoundary.body")} onRetry={() => window.location.reload()} />
  );
}

type BoundaryState = { failed: boolean };

/** Last line of defence around the providers, where the router's boundary cannot reach. */
export class AppErrorBoundary extends Component<{ children: ReactNode }, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error(error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.failed) return this.props.children;
    return <FallbackWithoutProviders />;
  }
}

function FallbackWithoutProviders() {
  const { t } = useTranslation();
  return (
    <ProblemScreen title={t("errorBoundary.title")} body={t("errorBoundary.body")} onRetry={() => window.location.reload()} />
  );
}
