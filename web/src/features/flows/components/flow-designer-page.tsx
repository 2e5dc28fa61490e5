import { SearchX } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useFlowDesignQuery } from "../api/flow-design-query.ts";
import { DesignerForbidden } from "./designer-forbidden.tsx";
import { FlowEditor } from "./flow-editor.tsx";
import { NoStatusField } from "./no-status-field.tsx";

function DesignerSkeleton() {
  const { t } = useTranslation("flows");
  return (
    <div className="grid gap-4">
      <p role="status" className="sr-only">
        {t("designer.loading")}
      </p>
      <Skeleton className="h-4 w-24" />
      <Skeleton className="h-8 w-72" />
      <Skeleton className="h-4 w-96 max-w-full" />
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_24rem]">
        <Skeleton className="h-[28rem] w-full" />
        <Skeleton className="h-[28rem] w-full" />
      </div>
    </div>
  );
}

/** /t/:slug/flows/:blueprintId: the flow designer of one blueprint. */
export function FlowDesignerPage() {
  const { t } = useTranslation("flows");
  const { blueprintId = "" } = useParams();
  const tenant = useTenant();
  const errorText = useApiErrorText();
  const design = useFlowDesignQuery(blueprintId);
  // Bumped by "Reload": the editor starts over from the freshly loaded design.
  const [generation, setGeneration] = useState(0);

  if (!tenant.can("manage_flows"))
    return <DesignerForbidden title={<title>{`${t("list.title")} · ${tenant.tenant.name}`}</title>} />;
  if (design.isPending) return <DesignerSkeleton />;
  if (design.isError) {
    const notFound = design.error instanceof ApiError && design.error.code === "FONF0";
    return (
      <div className="grid gap-6">
        <title>{`${notFound ? t("designer.notFoundTitle") : t("list.title")} · ${tenant.tenant.name}`}</title>
        <PageHeader title={notFound ? t("designer.notFoundTitle") : t("list.title")} />
        {notFound ? (
          <EmptyState
            icon={<SearchX aria-hidden="true" />}
            title={t("designer.notFoundTitle")}
            description={t("designer.notFoundBody")}
            action={
              <Button asChild variant="outline">
                <Link to={tenant.path("flows")}>{t("designer.back")}</Link>
              </Button>
            }
          />
        ) : (
          <Alert tone="error">{errorText(design.error)}</Alert>
        )}
      </div>
    );
  }
  if (!design.data.statusField) {
    return (
      <div className="grid gap-6">
        <title>{`${t("designer.pageTitle", { name: design.data.blueprint.name })} · ${tenant.tenant.name}`}</title>
        <div>
          <Link to={tenant.path("flows")} className="text-sm text-muted-foreground underline-offset-4 hover:underline">
            ← {t("designer.back")}
          </Link>
        </div>
        <PageHeader title={t("designer.pageTitle", { name: design.data.blueprint.name })} />
        <NoStatusField design={design.data} />
      </div>
    );
  }
  return (
    <FlowEditor
      key={`${blueprintId}:${generation}`}
      design={design.data}
      onReload={() => {
        void design.refetch().then(() => setGeneration((g) => g + 1));
      }}
    />
  );
}
