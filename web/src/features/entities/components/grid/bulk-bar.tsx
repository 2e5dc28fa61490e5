import { Trash2, X } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { ConfirmDialog } from "../../../../components/ui/dialog.tsx";

type BulkBarProps = {
  count: number;
  canDelete: boolean;
  deleting: boolean;
  onDelete: () => void;
  /** The "edit a field" control, when the member may update. */
  editControl: ReactNode;
  onClear: () => void;
};

/** What can be done with the selected rows: edit one field on all of them, delete them, or drop the selection. */
export function BulkBar({ count, canDelete, deleting, onDelete, editControl, onClear }: BulkBarProps) {
  const { t } = useTranslation("entities");
  return (
    <section
      aria-label={t("bulk.label")}
      className="flex flex-wrap items-center gap-2 rounded-lg border border-primary/40 bg-secondary px-3 py-2 text-sm"
    >
      <p className="font-medium" aria-live="polite">
        {t("bulk.selected", { count })}
      </p>
      <div className="ml-auto flex flex-wrap items-center gap-2">
        {editControl}
        {canDelete ? (
          <ConfirmDialog
            trigger={
              <Button variant="destructive" size="sm" loading={deleting}>
                <Trash2 aria-hidden="true" className="size-4" />
                {t("bulk.delete")}
              </Button>
            }
            title={t("bulk.deleteTitle", { count })}
            description={t("bulk.deleteBody")}
            confirmLabel={t("bulk.deleteConfirm", { count })}
            cancelLabel={t("bulk.cancel")}
            onConfirm={onDelete}
          />
        ) : null}
        <Button variant="ghost" size="sm" onClick={onClear}>
          <X aria-hidden="true" className="size-4" />
          {t("bulk.clear")}
        </Button>
      </div>
    </section>
  );
}
