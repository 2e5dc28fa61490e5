import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../../components/ui/dialog.tsx";
import { FormField } from "../../../../components/ui/form-field.tsx";
import { Input } from "../../../../components/ui/input.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { ApiError } from "../../../../lib/api-error.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useAdminUpdateUserMutation } from "../../api/users.ts";
import type { AdminUserChanges, AdminUserDetail } from "../../lib/admin-types.ts";

/** The changes admin_update_user offers: the name, the ban and the email's verified flag. */
export function UserActionsCard({ user }: { user: AdminUserDetail }) {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const update = useAdminUpdateUserMutation(user.id);
  const [name, setName] = useState(user.full_name);
  const [nameError, setNameError] = useState<string | undefined>();
  useEffect(() => setName(user.full_name), [user.full_name]);
  const who = user.email ?? user.id;

  const apply = (changes: AdminUserChanges, done: string) =>
    update.mutate(changes, {
      onSuccess: (result) => {
        toast.success(done);
        if (result.sessions_ended > 0) toast.info(t("user.sessionsEnded", { count: result.sessions_ended }));
      },
      onError: (error) => {
        if (error instanceof ApiError && error.field === "full_name") setNameError(errorText(error));
        else toast.error(errorText(error));
      },
    });

  const saveName = (event: FormEvent) => {
    event.preventDefault();
    setNameError(undefined);
    if (name.trim().length > 200) {
      setNameError(t("user.nameTooLong"));
      return;
    }
    apply({ full_name: name.trim() }, t("user.nameSaved"));
  };

  return (
    <Card aria-labelledby="admin-user-actions">
      <CardHeader>
        <CardTitle id="admin-user-actions">{t("user.manage")}</CardTitle>
        <CardDescription>{t("user.manageHint")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-6">
        <form noValidate className="flex flex-wrap items-end gap-3" onSubmit={saveName}>
          <FormField className="min-w-64 flex-1" label={t("user.name")} error={nameError}>
            {(control) => <Input {...control} maxLength={200} value={name} onChange={(event) => setName(event.target.value)} />}
          </FormField>
          <Button type="submit" variant="outline" disabled={name.trim() === user.full_name} loading={update.isPending}>
            {t("user.saveName")}
          </Button>
        </form>
        {user.super_admin ? (
          <p className="text-sm text-muted-foreground">{t("user.superAdminProtected")}</p>
        ) : (
          <div className="flex flex-wrap gap-3">
            {user.banned ? (
              <ConfirmDialog
                trigger={<Button variant="outline">{t("user.unban")}</Button>}
                title={t("user.unbanTitle", { who })}
                description={t("user.unbanBody")}
                confirmLabel={t("user.unban")}
                cancelLabel={t("cancel")}
                confirmVariant="primary"
                onConfirm={() => apply({ banned: false }, t("user.unbanned", { who }))}
              />
            ) : (
              <ConfirmDialog
                trigger={<Button variant="destructive">{t("user.ban")}</Button>}
                title={t("user.banTitle", { who })}
                description={t("user.banBody", { count: user.session_count })}
                confirmLabel={t("user.ban")}
                cancelLabel={t("cancel")}
                onConfirm={() => apply({ banned: true }, t("user.bannedDone", { who }))}
              />
            )}
            {user.email_verified ? (
              <ConfirmDialog
                trigger={<Button variant="outline">{t("user.unverify")}</Button>}
                title={t("user.unverifyTitle", { who })}
                description={t("user.unverifyBody")}
                confirmLabel={t("user.unverify")}
                cancelLabel={t("cancel")}
                onConfirm={() => apply({ email_verified: false }, t("user.unverified", { who }))}
              />
            ) : (
              <ConfirmDialog
                trigger={<Button variant="outline">{t("user.verify")}</Button>}
                title={t("user.verifyTitle", { who })}
                description={t("user.verifyBody")}
                confirmLabel={t("user.verify")}
                cancelLabel={t("cancel")}
                confirmVariant="primary"
                onConfirm={() => apply({ email_verified: true }, t("user.verified", { who }))}
              />
            )}
          </div>
        )}
      </CardContent>
    </Card>
  );
}
