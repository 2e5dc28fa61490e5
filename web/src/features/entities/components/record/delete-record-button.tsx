import { Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Button } from "../../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../../components/ui/dialog.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useDeleteEntityMutation, useRestoreEntityMutation } from "../../api/delete-entity-mutation.ts";

/**
 * Moves the record to the trash after asking, then goes back to the list; the toast offers
 * to undo (restore) while the person is still looking at it.
 */
export function DeleteRecordButton({ entityId, title, afterDelete }: { entityId: string; title: string; afterDelete: string }) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const remove = useDeleteEntityMutation();
  const restore = useRestoreEntityMutation();
  const confirm = () =>
    remove.mutate(entityId, {
      onSuccess: () => {
        toast.success(t("record.delete.done", { title }), {
          action: {
            label: t("record.delete.undo"),
            onClick: () =>
              restore.mutate(entityId, {
                onSuccess: () => toast.success(t("record.delete.restored", { title })),
                onError: (error) => toast.error(errorText(error)),
              }),
          },
        });
        navigate(afterDelete);
      },
      onError: (error) => toast.error(errorText(error)),
    });
  return (
    <ConfirmDialog
      trigger={
        <Button variant="outline" loading={remove.isPending}>
          <Trash2 aria-hidden="true" className="size-4" />
          {t("record.delete.action")}
        </Button>
      }
      title={t("record.delete.title", { title })}
      description={t("record.delete.body")}
      confirmLabel={t("record.delete.confirm")}
      cancelLabel={t("record.delete.cancel")}
      onConfirm={confirm}
    />
  );
}
