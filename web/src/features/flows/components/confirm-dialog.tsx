import type { ReactNode } from "react";
import { Button, type ButtonVariant } from "../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../components/ui/dialog.tsx";

type ControlledConfirmProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  children: ReactNode;
  confirmLabel: ReactNode;
  cancelLabel: ReactNode;
  confirmVariant?: ButtonVariant;
  onConfirm: () => void;
};

/**
 * A confirmation opened by the editor rather than by a trigger button (a Delete key on the
 * canvas, leaving with unsaved changes, a conflict on save). The safe choice comes first
 * and takes focus; Escape and the overlay cancel. Confirming leaves closing to the caller,
 * whose action decides what comes next (a navigation, a reload).
 */
export function ControlledConfirm({
  open,
  onOpenChange,
  title,
  children,
  confirmLabel,
  cancelLabel,
  confirmVariant = "destructive",
  onConfirm,
}: ControlledConfirmProps) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent role="alertdialog">
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription asChild>
          <div className="grid gap-2">{children}</div>
        </DialogDescription>
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {cancelLabel}
          </Button>
          <Button variant={confirmVariant} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
