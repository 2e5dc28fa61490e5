import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";

/** What a blueprints page shows while it loads: the shape of a header and a few rows. */
export function PageLoading({ label }: { label: string }) {
  return (
    <div className="grid gap-6">
      <p role="status" className="sr-only">
        {label}
      </p>
      <Skeleton className="h-8 w-64" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <div className="grid gap-3">
        <Skeleton className="h-14 w-full" />
        <Skeleton className="h-14 w-full" />
        <Skeleton className="h-14 w-full" />
      </div>
    </div>
  );
}

/** A blueprint page that could not load: not found (gone to the trash, another tenant's) or another failure. */
export function PageLoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation("blueprints");
  const errorText = useApiErrorText();
  const tenant = useTenant();
  const missing = error instanceof ApiError && error.code === "FONF0";
  return (
    <div className="grid max-w-xl gap-4">
      <title>{missing ? t("notFound.title") : t("loadError.title")}</title>
      <h1 className="text-2xl font-semibold">{missing ? t("notFound.title") : t("loadError.title")}</h1>
      <Alert tone={missing ? "info" : "error"}>{missing ? t("notFound.body") : errorText(error)}</Alert>
      <div className="flex flex-wrap gap-3">
        {missing ? null : <Button onClick={onRetry}>{t("loadError.retry")}</Button>}
        <Button variant="outline" asChild>
          <Link to={tenant.path("blueprints")}>{t("notFound.back")}</Link>
        </Button>
      </div>
    </div>
  );
}

/** For members without manage_blueprints who open a designer link: says why, and who can help. */
export function NoAccess() {
  const { t } = useTranslation("blueprints");
  return (
    <div className="grid max-w-xl gap-4">
      <title>{t("noAccess.title")}</title>
      <h1 className="text-2xl font-semibold">{t("noAccess.title")}</h1>
      <p className="text-muted-foreground">{t("noAccess.body")}</p>
    </div>
  );
}
