import { SearchX } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../../components/ui/button.tsx";
import { EmptyState } from "../../../../components/ui/empty-state.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { PageTitle } from "./page-title.tsx";

/**
 * A record or blueprint that does not exist or that the member may not see: the database
 * answers both the same way (404), so the page never tells which.
 */
export function RecordNotFound({ kind, backTo }: { kind: "record" | "blueprint"; backTo?: string }) {
  const { t } = useTranslation("entities");
  const tenant = useTenant();
  const title = kind === "record" ? t("record.notFound.title") : t("record.notFound.blueprintTitle");
  return (
    <div className="grid gap-6">
      <PageTitle>{title}</PageTitle>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <EmptyState
        icon={<SearchX aria-hidden="true" />}
        title={t("record.notFound.lead")}
        description={kind === "record" ? t("record.notFound.body") : t("record.notFound.blueprintBody")}
        action={
          <Button asChild variant="outline">
            <Link to={backTo ?? tenant.path()}>{backTo ? t("record.notFound.backToList") : t("record.notFound.backHome")}</Link>
          </Button>
        }
      />
    </div>
  );
}
