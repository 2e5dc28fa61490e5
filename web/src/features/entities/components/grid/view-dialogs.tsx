import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Checkbox } from "../../../../components/ui/checkbox.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../../components/ui/dialog.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { Input } from "../../../../components/ui/input.tsx";
import { Label } from "../../../../components/ui/label.tsx";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";

export type ViewDetails = { name: string; shared: boolean };

type ViewDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Editing an existing view (its name), or saving a new one. */
  editing: string | null;
  initial: ViewDetails;
  /** Saves; throws the API error when refused. */
  onSubmit: (details: ViewDetails) => Promise<void>;
};

/** Names a view and says whether it is shared: "Save as new view" and "Rename or share". */
export function ViewDialog({ open, onOpenChange, editing, initial, onSubmit }: ViewDialogProps) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const shareId = useId();
  const [name, setName] = useState(initial.name);
  const [shared, setShared] = useState(initial.shared);
  const [nameError, setNameError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: a dialog that opens starts from what it is given
  useEffect(() => {
    if (!open) return;
    setName(initial.name);
    setShared(initial.shared);
    setNameError(undefined);
    setFormError(null);
  }, [open]);

  const submit = async () => {
    const trimmed = name.trim();
    if (!trimmed) return setNameError(t("views.nameRequired"));
    if (trimmed.length > 100) return setNameError(t("views.nameMax"));
    setSaving(true);
    setFormError(null);
    try {
      await onSubmit({ name: trimmed, shared });
      onOpenChange(false);
    } catch (error) {
      if (error instanceof ApiError && error.field === "name") setNameError(errorText(error, () => t("views.name")));
      else setFormError(errorText(error));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent>
        <DialogTitle>{editing ? t("views.dialogEdit", { name: editing }) : t("views.dialogCreate")}</DialogTitle>
        <DialogDescription>{t("views.dialogDescription")}</DialogDescription>
        <form
          className="grid gap-4"
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void submit();
          }}
        >
          <FormField label={t("views.name")} hint={t("views.nameHint")} error={nameError}>
            {(control) => (
              <Input
                {...control}
                value={name}
                maxLength={120}
                autoComplete="off"
                onChange={(event) => {
                  setName(event.target.value);
                  setNameError(undefined);
                }}
              />
            )}
          </FormField>
          <div className="flex items-start gap-2">
            <Checkbox id={shareId} checked={shared} onCheckedChange={(value) => setShared(value === true)} className="mt-0.5" />
            <div className="grid gap-1">
              <Label htmlFor={shareId}>{t("views.share")}</Label>
              <p className="text-xs text-muted-foreground">{t("views.shareHint")}</p>
            </div>
          </div>
          {formError ? <Alert tone="error">{formError}</Alert> : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              {t("views.cancel")}
            </Button>
            <Button type="submit" loading={saving}>
              {editing ? t("views.submitEdit") : t("views.submitCreate")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}

type DeleteViewDialogProps = {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  name: string;
  onConfirm: () => Promise<void>;
};

/** Asks before a saved view is deleted (the safe choice, Cancel, comes first and takes the focus). */
export function DeleteViewDialog({ open, onOpenChange, name, onConfirm }: DeleteViewDialogProps) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (open) setError(null);
  }, [open]);
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent role="alertdialog">
        <DialogTitle>{t("views.deleteTitle", { name })}</DialogTitle>
        <DialogDescription>{t("views.deleteBody")}</DialogDescription>
        {error ? <Alert tone="error">{error}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="outline" onClick={() => onOpenChange(false)}>
            {t("views.cancel")}
          </Button>
          <Button
            variant="destructive"
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                await onConfirm();
                onOpenChange(false);
              } catch (failure) {
                setError(errorText(failure));
              } finally {
                setBusy(false);
              }
            }}
          >
            {t("views.deleteConfirm")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
