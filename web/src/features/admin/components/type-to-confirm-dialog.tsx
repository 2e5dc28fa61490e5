import { type FormEvent, type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "../../../components/ui/dialog.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Input } from "../../../components/ui/input.tsx";

type Props = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  title: ReactNode;
  description: ReactNode;
  /** What must be typed back, exactly. */
  expected: string;
  label: string;
  confirmLabel: string;
  pending: boolean;
  error: string | null;
  onConfirm: () => void;
};

/** For what cannot be undone: the confirm button works only once the name is typed back. */
export function TypeToConfirmDialog({
  open,
  onOpenChange,
  title,
  description,
  expected,
  label,
  confirmLabel,
  pending,
  error,
  onConfirm,
}: Props) {
  const { t } = useTranslation("admin");
  const [typed, setTyped] = useState("");
  const matches = typed.trim() === expected;
  const change = (next: boolean) => {
    if (!next) setTyped("");
    onOpenChange(next);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (matches) onConfirm();
  };
  return (
    <Dialog open={open} onOpenChange={change}>
      <DialogContent role="alertdialog">
        <DialogTitle>{title}</DialogTitle>
        <DialogDescription asChild>
          <div className="grid gap-2">{description}</div>
        </DialogDescription>
        <form noValidate className="grid gap-4" onSubmit={submit}>
          <FormField label={label}>
            {(control) => (
              <Input
                {...control}
                autoCapitalize="none"
                autoComplete="off"
                spellCheck={false}
                value={typed}
                onChange={(event) => setTyped(event.target.value)}
              />
            )}
          </FormField>
          {error ? <Alert tone="error">{error}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-3">
            <DialogClose asChild>
              <Button variant="outline">{t("cancel")}</Button>
            </DialogClose>
            <Button type="submit" variant="destructive" disabled={!matches} loading={pending}>
              {confirmLabel}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
