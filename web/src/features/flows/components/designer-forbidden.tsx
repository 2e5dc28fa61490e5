import { Lock } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";

/**
 * For members whose roles may not manage flows and who followed a link here: the sidebar
 * hides the section, and `save_flow` refuses them anyway.
 */
export function DesignerForbidden({ title }: { title: ReactNode }) {
  const { t } = useTranslation("flows");
  return (
    <div className="grid gap-6">
      {title}
      <PageHeader title={t("list.title")} />
      <EmptyState
        icon={<Lock aria-hidden="true" />}
        title={t("designer.forbiddenTitle")}
        description={t("designer.forbiddenBody")}
      />
    </div>
  );
}
