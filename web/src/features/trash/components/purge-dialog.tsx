import { AlertDialog } from "radix-ui";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import type { TrashItem } from "../lib/trash-items.ts";

/**
 * Asks before deleting for good. Controlled (opened from a row or from the selection), an
 * alert dialog so Cancel has the focus first and clicking outside never confirms.
 */
export function PurgeDialog({
  items,
  pending,
  onConfirm,
  onClose,
}: {
  items: TrashItem[] | null;
  pending: boolean;
  onConfirm: (items: TrashItem[]) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation("trash");
  const count = items?.length ?? 0;
  const title = items?.[0]?.title ?? "";
  return (
    <AlertDialog.Root open={items !== null} onOpenChange={(open) => (open ? undefined : onClose())}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className="fixed inset-0 z-40 bg-black/50" />
        <AlertDialog.Content className="fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-popover p-6 text-popover-foreground shadow-lg focus:outline-none">
          <AlertDialog.Title className="text-lg font-semibold">{t("purgeTitle", { count, title })}</AlertDialog.Title>
          <AlertDialog.Description className="grid gap-2 text-sm text-muted-foreground">
            <span>{t("purgeBody")}</span>
            {items?.some((i) => i.kind === "blueprint") ? <span>{t("purgeBlueprintNote")}</span> : null}
          </AlertDialog.Description>
          <div className="flex flex-wrap justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="outline">{t("cancel")}</Button>
            </AlertDialog.Cancel>
            <Button variant="destructive" loading={pending} onClick={() => items && onConfirm(items)}>
              {t("purgeConfirm")}
            </Button>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
