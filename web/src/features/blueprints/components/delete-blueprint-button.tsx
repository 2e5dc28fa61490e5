import { Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useEntityCountQuery } from "../api/entity-count-query.ts";
import { useDeleteBlueprintMutation } from "../api/save-blueprint-mutation.ts";

/**
 * Moves the blueprint to the trash after saying what that means: its entities go with it,
 * both come back together from the Trash, and after the retention period they are gone.
 */
export function DeleteBlueprintButton({
  blueprint,
  onDeleted,
}: {
  blueprint: { id: string; name: string };
  onDeleted?: () => void;
}) {
  const { t } = useTranslation("blueprints");
  const tenant = useTenant();
  const navigate = useNavigate();
  const errorText = useApiErrorText();
  const remove = useDeleteBlueprintMutation();
  const count = useEntityCountQuery(blueprint.id);
  const entities = count.data
    ? count.data.exact
      ? t("delete.entities", { count: count.data.value })
      : t("delete.entitiesAtLeast", { count: count.data.value })
    : t("delete.entitiesUnknown");

  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" loading={remove.isPending}>
          <Trash2 aria-hidden="true" className="size-4" />
          {t("delete.button")}
        </Button>
      }
      title={t("delete.title", { name: blueprint.name })}
      description={t("delete.body", { name: blueprint.name, entities, days: tenant.tenant.trash_retention_days })}
      confirmLabel={t("delete.confirm")}
      cancelLabel={t("delete.cancel")}
      onConfirm={() =>
        remove.mutate(blueprint.id, {
          onSuccess: ({ entitiesTrashed }) => {
            onDeleted?.();
            toast.success(t("delete.done", { name: blueprint.name, count: entitiesTrashed }), {
              action: { label: t("delete.openTrash"), onClick: () => navigate(tenant.path("trash")) },
            });
            navigate(tenant.path("blueprints"));
          },
          onError: (error) => toast.error(errorText(error)),
        })
      }
    />
  );
}
