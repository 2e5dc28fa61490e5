import { ChevronRight, Workflow } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useFlowListQuery } from "../api/flow-list-query.ts";
import { DesignerForbidden } from "./designer-forbidden.tsx";

/** /t/:slug/flows: every live blueprint with its flow, the way into the designer. */
export function FlowsPage() {
  const { t } = useTranslation(["flows", "translation"]);
  const tenant = useTenant();
  const flows = useFlowListQuery(tenant.tenant.id);
  const errorText = useApiErrorText();
  const title = <title>{`${t("list.title")} · ${tenant.tenant.name}`}</title>;

  if (!tenant.can("manage_flows")) return <DesignerForbidden title={title} />;

  return (
    <div className="grid gap-6">
      {title}
      <PageHeader title={t("list.title")} description={t("list.description")} />
      {flows.isPending ? (
        <div className="grid gap-2">
          <p role="status" className="sr-only">
            {t("list.loading")}
          </p>
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-12 w-full" />
          <Skeleton className="h-12 w-full" />
        </div>
      ) : flows.isError ? (
        <Alert tone="error">{errorText(flows.error)}</Alert>
      ) : flows.data.length === 0 ? (
        <EmptyState
          icon={<Workflow aria-hidden="true" />}
          title={t("list.emptyTitle")}
          description={t("list.emptyBody")}
          action={
            tenant.can("manage_blueprints") ? (
              <Button asChild variant="outline">
                <Link to={tenant.path("blueprints")}>{t("list.emptyAction")}</Link>
              </Button>
            ) : undefined
          }
        />
      ) : (
        <Table>
          <TableHeader>
            <TableRow>
              <TableHead scope="col">{t("list.blueprint")}</TableHead>
              <TableHead scope="col">{t("list.statusField")}</TableHead>
              <TableHead scope="col" className="text-right">
                {t("list.states")}
              </TableHead>
              <TableHead scope="col" className="text-right">
                {t("list.transitions")}
              </TableHead>
              <TableHead scope="col">{t("list.saved")}</TableHead>
              <TableHead scope="col">
                <span className="sr-only">{t("list.actions")}</span>
              </TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {flows.data.map((flow) => (
              <TableRow key={flow.blueprintId}>
                <TableCell className="font-medium">
                  {flow.name}
                  {flow.description ? (
                    <span className="block max-w-md truncate text-xs font-normal text-muted-foreground">{flow.description}</span>
                  ) : null}
                </TableCell>
                <TableCell>{flow.statusLabel ?? <Badge variant="outline">{t("list.noStatusField")}</Badge>}</TableCell>
                <TableCell className="text-right tabular-nums">{flow.states}</TableCell>
                <TableCell className="text-right tabular-nums">{flow.transitions}</TableCell>
                <TableCell className="text-muted-foreground">
                  {flow.flowUpdatedAt ? tenant.formatDateTime(flow.flowUpdatedAt) : t("list.notSaved")}
                </TableCell>
                <TableCell className="text-right">
                  <Button asChild variant="outline" size="sm">
                    <Link to={tenant.path(`flows/${flow.blueprintId}`)} aria-label={t("list.openLabel", { name: flow.name })}>
                      {t("list.open")}
                      <ChevronRight aria-hidden="true" className="size-4" />
                    </Link>
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
    </div>
  );
}
