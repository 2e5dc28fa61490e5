import { ChevronRight, Rows3 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { useRecordBlueprintsQuery } from "../../api/records-blueprints-query.ts";

function IndexSkeleton() {
  const { t } = useTranslation("entities");
  return (
    <div role="status" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
      <span className="sr-only">{t("grid.index.loading")}</span>
      {[0, 1, 2].map((i) => (
        <Skeleton key={i} className="h-20" />
      ))}
    </div>
  );
}

/** /t/:slug/records: every record type (blueprint) of the workspace, each leading to its grid. */
export function RecordsIndexPage() {
  const { t } = useTranslation(["entities", "translation"]);
  const tenant = useTenant();
  const blueprints = useRecordBlueprintsQuery(tenant.tenant.id);
  const errorText = useApiErrorText();
  return (
    <div>
      <title>{`${t("grid.index.title")} · ${tenant.tenant.name} · ${t("translation:app.name")}`}</title>
      <PageHeader title={t("grid.index.title")} description={t("grid.index.description")} />
      {blueprints.isPending ? (
        <IndexSkeleton />
      ) : blueprints.isError ? (
        <Alert tone="error" title={t("grid.index.error")}>
          <p>{errorText(blueprints.error)}</p>
          <Button variant="outline" size="sm" className="mt-2" onClick={() => void blueprints.refetch()}>
            {t("grid.page.retry")}
          </Button>
        </Alert>
      ) : blueprints.data.length === 0 ? (
        <EmptyState
          icon={<Rows3 />}
          title={t("grid.index.emptyTitle")}
          description={
            <>
              {t("grid.index.emptyBody")} {tenant.can("manage_blueprints") ? null : t("grid.index.emptyAsk")}
            </>
          }
          action={
            tenant.can("manage_blueprints") ? (
              <Button asChild>
                <Link to={tenant.path("blueprints")}>{t("grid.index.emptyAction")}</Link>
              </Button>
            ) : null
          }
        />
      ) : (
        <ul className="grid gap-3 sm:grid-cols-2 lg:grid-cols-3">
          {blueprints.data.map((blueprint) => (
            <li key={blueprint.id}>
              <Link
                to={tenant.path(`records/${blueprint.key}`)}
                aria-label={t("grid.index.open", { name: blueprint.name })}
                className="flex h-full items-start gap-3 rounded-xl border bg-card p-4 shadow-sm hover:bg-muted focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
              >
                <Rows3 aria-hidden="true" className="mt-0.5 size-5 shrink-0 text-primary" />
                <span className="grid min-w-0 flex-1 gap-1">
                  <span className="font-medium">{blueprint.name}</span>
                  {blueprint.description ? (
                    <span className="line-clamp-2 text-sm text-muted-foreground">{blueprint.description}</span>
                  ) : null}
                </span>
                <ChevronRight aria-hidden="true" className="mt-0.5 size-4 shrink-0 text-muted-foreground" />
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
