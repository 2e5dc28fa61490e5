import { type FormEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { Dialog, DialogClose, DialogContent, DialogDescription, DialogTitle } from "../../../../components/ui/dialog.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { Input } from "../../../../components/ui/input.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useDeleteTenantMutation } from "../../api/delete-tenant-mutation.ts";
import type { TenantRow } from "../../api/my-tenants-query.ts";

const DELETED_THINGS = ["records", "flows", "members", "keys"] as const;

/**
 * The danger zone: what deleting the workspace takes with it, and the deletion itself behind
 * typing the web address (the database checks the same and refuses anything else).
 */
export function DeleteTenantCard({ tenant, isAdmin }: { tenant: TenantRow; isAdmin: boolean }) {
  const { t } = useTranslation("tenants");
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const remove = useDeleteTenantMutation(tenant.id);
  const [open, setOpen] = useState(false);
  const [typed, setTyped] = useState("");
  const [error, setError] = useState<unknown>(null);
  const matches = typed.trim() === tenant.slug;

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      setTyped("");
      setError(null);
      remove.reset();
    }
  };

  const confirm = (event: FormEvent) => {
    event.preventDefault();
    if (!matches) {
      setError("mismatch");
      return;
    }
    remove.mutate(typed.trim(), {
      onSuccess: () => {
        toast.success(t("settings.danger.deleted", { name: tenant.name }));
        navigate("/", { replace: true });
      },
      onError: setError,
    });
  };

  const fieldError =
    error === "mismatch" || (error instanceof ApiError && error.field === "confirm_slug")
      ? t("settings.validation.confirmSlug")
      : undefined;

  return (
    <Card aria-labelledby="settings-danger" className="border-destructive/50">
      <CardHeader>
        <CardTitle id="settings-danger" className="text-destructive">
          {t("settings.danger.title")}
        </CardTitle>
        <CardDescription>{t("settings.danger.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3 text-sm">
        <h3 className="font-semibold">{t("settings.danger.deleteTitle")}</h3>
        <p>{t("settings.danger.deleteBody", { name: tenant.name })}</p>
        <ul className="list-disc space-y-1 pl-5">
          {DELETED_THINGS.map((thing) => (
            <li key={thing}>{t(`settings.danger.deletes.${thing}`)}</li>
          ))}
        </ul>
        <p className="text-muted-foreground">{t("settings.danger.auditKept", { days: tenant.audit_retention_days })}</p>
        {isAdmin ? (
          <div>
            <Button variant="destructive" onClick={() => onOpenChange(true)}>
              {t("settings.danger.button")}
            </Button>
          </div>
        ) : (
          <p className="text-muted-foreground">{t("settings.danger.onlyAdmins")}</p>
        )}
      </CardContent>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent role="alertdialog">
          <DialogTitle>{t("settings.danger.dialogTitle", { name: tenant.name })}</DialogTitle>
          <DialogDescription>{t("settings.danger.dialogBody")}</DialogDescription>
          <form noValidate className="grid gap-4" onSubmit={confirm}>
            <FormField label={t("settings.danger.confirmLabel", { slug: tenant.slug })} error={fieldError}>
              {(control) => (
                <Input
                  {...control}
                  autoCapitalize="none"
                  autoComplete="off"
                  spellCheck={false}
                  value={typed}
                  onChange={(event) => {
                    setTyped(event.target.value);
                    setError(null);
                  }}
                />
              )}
            </FormField>
            {error && !fieldError ? <Alert tone="error">{errorText(error)}</Alert> : null}
            <div className="flex flex-wrap justify-end gap-3">
              <DialogClose asChild>
                <Button variant="outline">{t("settings.danger.cancel")}</Button>
              </DialogClose>
              <Button type="submit" variant="destructive" disabled={!matches} loading={remove.isPending}>
                {t("settings.danger.confirm")}
              </Button>
            </div>
          </form>
        </DialogContent>
      </Dialog>
    </Card>
  );
}
