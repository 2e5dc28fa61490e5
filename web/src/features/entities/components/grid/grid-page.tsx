import { Lock, SearchX } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useSession } from "../../../auth/hooks/session.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { useAccessQuery } from "../../api/access-query.ts";
import { useBlueprintQuery } from "../../api/blueprint-query.ts";
import { GridSkeleton } from "./grid-skeleton.tsx";
import { GridWorkspace } from "./grid-workspace.tsx";

/**
 * /t/:slug/records/:blueprintKey: the blueprint's records as a grid. It first learns the
 * blueprint's latest fields and what the member may do with its entities
 * (explain_permissions about themselves), then hands both to the workspace. The route's loader
 * starts all of it, and the first page, from the address (api/grid-prefetch.ts).
 */
export function GridPage() {
  const { t } = useTranslation(["entities", "translation"]);
  const { blueprintKey = "" } = useParams();
  const tenant = useTenant();
  const session = useSession();
  const userId = session.session?.user.id ?? "";
  const errorText = useApiErrorText();
  const blueprint = useBlueprintQuery(tenant.tenant.slug, blueprintKey);
  const access = useAccessQuery(tenant.tenant.id, userId, blueprint.data?.blueprint.id);
  const documentTitle = (name: string) => `${t("grid.page.documentTitle", { name })} · ${t("translation:app.name")}`;

  if (blueprint.isError || access.isError) {
    const error = blueprint.error ?? access.error;
    if (error instanceof ApiError && error.code === "FONF0") {
      return (
        <div>
          <title>{documentTitle(t("grid.page.notFoundTitle"))}</title>
          <h1 className="mb-6 text-2xl font-semibold tracking-tight">{t("grid.page.notFoundTitle")}</h1>
          <EmptyState
            icon={<SearchX />}
            title={t("grid.page.notFoundTitle")}
            description={t("grid.page.notFoundBody")}
            action={
              <Button asChild variant="outline">
                <Link to={tenant.path("records")}>{t("grid.page.backToRecords")}</Link>
              </Button>
            }
          />
        </div>
      );
    }
    return (
      <div className="grid gap-4">
        <title>{documentTitle(blueprintKey)}</title>
        <h1 className="text-2xl font-semibold tracking-tight">{t("grid.page.error")}</h1>
        <Alert tone="error">
          <p>{errorText(error)}</p>
          <Button
            variant="outline"
            size="sm"
            className="mt-2"
            onClick={() => {
              void blueprint.refetch();
              void access.refetch();
            }}
          >
            {t("grid.page.retry")}
          </Button>
        </Alert>
      </div>
    );
  }
  if (!blueprint.data || !access.data) {
    return (
      <div>
        <title>{documentTitle(blueprintKey)}</title>
        <GridSkeleton withHeader />
      </div>
    );
  }
  const name = blueprint.data.blueprint.name;
  if (!access.data.read.allowed) {
    return (
      <div>
        <title>{documentTitle(name)}</title>
        <h1 className="mb-6 text-2xl font-semibold tracking-tight">{name}</h1>
        <EmptyState icon={<Lock />} title={t("grid.page.noAccessTitle")} description={t("grid.page.noAccessBody")} />
      </div>
    );
  }
  return (
    <>
      <title>{documentTitle(name)}</title>
      <GridWorkspace key={blueprint.data.blueprint.id} context={blueprint.data} access={access.data} userId={userId} />
    </>
  );
}
