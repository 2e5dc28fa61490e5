import { History, Plus, Shapes } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useBlueprintsQuery } from "../api/blueprints-query.ts";
import { blueprintIcon } from "../lib/icons.ts";
import { NoAccess, PageLoading } from "./page-states.tsx";

/** /t/:slug/blueprints: the tenant's record types, newest change shown, and the way to make another. */
export function BlueprintsPage() {
  const tenant = useTenant();
  if (!tenant.can("manage_blueprints")) return <NoAccess />;
  return <BlueprintsList />;
}

function BlueprintsList() {
  const { t } = useTranslation("blueprints");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const blueprints = useBlueprintsQuery(tenant.tenant.id);
  const create = (
    <Button asChild>
      <Link to={tenant.path("blueprints/new")}>
        <Plus aria-hidden="true" className="size-4" />
        {t("list.create")}
      </Link>
    </Button>
  );

  if (blueprints.isPending) return <PageLoading label={t("list.loading")} />;
  return (
    <div className="grid gap-6">
      <title>{`${t("list.title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <PageHeader title={t("list.title")} description={t("list.description")} actions={create} />
      {blueprints.isError ? (
        <Alert tone="error" title={t("list.loadFailed")}>
          {errorText(blueprints.error)}
        </Alert>
      ) : blueprints.data.length === 0 ? (
        <EmptyState icon={<Shapes />} title={t("list.emptyTitle")} description={t("list.emptyBody")} action={create} />
      ) : (
        <Table>
          <caption className="sr-only">{t("list.caption")}</caption>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{t("list.name")}</TableHead>
              <TableHead scope="col">{t("list.key")}</TableHead>
              <TableHead scope="col" className="text-right">
                {t("list.version")}
              </TableHead>
              <TableHead scope="col" className="text-right">
                {t("list.fields")}
              </TableHead>
              <TableHead scope="col">{t("list.updated")}</TableHead>
              <TableHead scope="col">
                <span className="sr-only">{t("list.actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {blueprints.data.map((blueprint) => {
              const Icon = blueprintIcon(blueprint.icon);
              return (
                <TableRow key={blueprint.id}>
                  <TableCell>
                    <Link
                      to={tenant.path(`blueprints/${blueprint.id}`)}
                      className="flex items-center gap-2 font-medium text-foreground hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring rounded-sm"
                    >
                      <Icon aria-hidden="true" className="size-4 shrink-0 text-primary" />
                      {blueprint.name}
                    </Link>
                    {blueprint.description ? (
                      <p className="mt-0.5 line-clamp-1 text-xs text-muted-foreground">{blueprint.description}</p>
                    ) : null}
                  </TableCell>
                  <TableCell className="font-mono text-xs">{blueprint.key}</TableCell>
                  <TableCell className="text-right tabular-nums">{blueprint.version}</TableCell>
                  <TableCell className="text-right tabular-nums">{blueprint.fieldCount}</TableCell>
                  <TableCell className="whitespace-nowrap">{tenant.formatDateTime(blueprint.updated_at)}</TableCell>
                  <TableCell className="text-right">
                    <Button variant="ghost" size="sm" asChild>
                      <Link
                        to={tenant.path(`blueprints/${blueprint.id}/versions`)}
                        aria-label={t("list.versionsOf", { name: blueprint.name })}
                      >
                        <History aria-hidden="true" className="size-4" />
                        {t("list.versions")}
                      </Link>
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
