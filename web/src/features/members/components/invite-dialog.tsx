import { zodResolver } from "@hookform/resolvers/zod";
import { UserPlus } from "lucide-react";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle, DialogTrigger } from "../../../components/ui/dialog.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Textarea } from "../../../components/ui/textarea.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { type InviteOutcome, useInviteMembersMutation } from "../api/invite-members-mutation.ts";
import type { Role } from "../api/members-query.ts";
import { useActor } from "../hooks/use-actor.ts";
import { useMailErrorText } from "../hooks/use-mail-error-text.ts";
import { useRoleText } from "../hooks/use-role-text.ts";
import { canGrantRole, isAdminRole } from "../lib/role-rules.ts";
import { firstInvalidEmail, type InviteForm, InviteSchema, MAX_INVITES_AT_ONCE, splitEmails } from "../lib/schemas.ts";

/**
 * Invites one or more addresses with roles. Only roles the signed-in member may give are
 * offered (rule 2). Each address is invited and mailed on its own, so one refusal does not
 * stop the others; what needs attention stays in the dialog.
 */
export function InviteDialog({ roles }: { roles: Role[] }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const actor = useActor();
  const roleText = useRoleText();
  const errorText = useApiErrorText();
  const mailErrorText = useMailErrorText();
  const invite = useInviteMembersMutation();
  const [open, setOpen] = useState(false);
  const [problems, setProblems] = useState<Exclude<InviteOutcome, { result: "sent" }>[]>([]);
  const viewer = roles.find((role) => role.builtin && role.key === "viewer");
  const form = useForm<InviteForm>({
    resolver: zodResolver(InviteSchema),
    defaultValues: { emails: "", roleIds: viewer ? [viewer.id] : [] },
  });
  const { errors } = form.formState;
  const grantable = roles.filter((role) => canGrantRole(actor, role));

  const emailsError = () => {
    const message = errors.emails?.message;
    if (!message) return undefined;
    if (message === "invite.validation.emailInvalid") {
      return t(message, { email: firstInvalidEmail(splitEmails(form.getValues("emails"))) ?? "" });
    }
    return t(message as "invite.validation.emailsRequired", { max: MAX_INVITES_AT_ONCE });
  };

  const onOpenChange = (next: boolean) => {
    setOpen(next);
    if (!next) {
      form.reset();
      setProblems([]);
    }
  };

  const onSubmit = form.handleSubmit((values) => {
    setProblems([]);
    invite.mutate(
      { tenantId: tenant.tenant.id, emails: splitEmails(values.emails), roleIds: values.roleIds },
      {
        onSuccess: (outcomes) => {
          const sent = outcomes.filter((outcome) => outcome.result === "sent");
          const failed = outcomes.filter((outcome) => outcome.result !== "sent") as typeof problems;
          if (sent.length > 0) toast.success(t("invite.sent", { count: sent.length, email: sent[0]?.email ?? "" }));
          if (failed.length === 0) {
            onOpenChange(false);
            return;
          }
          // Keep only the addresses that still need attention in the field.
          form.setValue(
            "emails",
            failed
              .filter((outcome) => outcome.result === "refused")
              .map((o) => o.email)
              .join("\n"),
          );
          setProblems(failed);
        },
        onError: (error) => setProblems([{ email: "", result: "refused", error }]),
      },
    );
  });

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button>
          <UserPlus aria-hidden="true" className="size-4" />
          {t("members.invite")}
        </Button>
      </DialogTrigger>
      <DialogContent className="max-h-[90dvh] max-w-lg overflow-y-auto">
        <DialogTitle>{t("invite.title")}</DialogTitle>
        <DialogDescription>{t("invite.description", { name: tenant.tenant.name })}</DialogDescription>
        <form noValidate className="grid gap-5" onSubmit={onSubmit}>
          <FormField label={t("invite.emails")} hint={t("invite.emailsHint", { max: MAX_INVITES_AT_ONCE })} error={emailsError()}>
            {(control) => (
              <Textarea
                {...control}
                rows={3}
                autoCapitalize="none"
                spellCheck={false}
                placeholder="name@example.com"
                {...form.register("emails")}
              />
            )}
          </FormField>
          <Controller
            control={form.control}
            name="roleIds"
            render={({ field }) => (
              <fieldset className="grid gap-3" aria-describedby="invite-roles-hint">
                <legend className="mb-1 text-sm font-medium">{t("invite.roles")}</legend>
                <p id="invite-roles-hint" className="-mt-2 text-xs text-muted-foreground">
                  {t("invite.rolesHint")}
                </p>
                {grantable.map((role) => {
                  const id = `invite-role-${role.id}`;
                  return (
                    <div key={role.id} className="flex items-start gap-3">
                      <Checkbox
                        id={id}
                        className="mt-0.5"
                        checked={field.value.includes(role.id)}
                        onCheckedChange={(checked) =>
                          field.onChange(checked === true ? [...field.value, role.id] : field.value.filter((x) => x !== role.id))
                        }
                      />
                      <div className="grid gap-0.5">
                        <Label htmlFor={id}>{roleText.name(role)}</Label>
                        <p className="text-xs text-muted-foreground">{roleText.description(role)}</p>
                      </div>
                    </div>
                  );
                })}
                {roles.some((role) => !canGrantRole(actor, role) && isAdminRole(role)) ? (
                  <p className="text-xs text-muted-foreground">{t("rolesDialog.adminOnly")}</p>
                ) : null}
                {errors.roleIds?.message ? (
                  <p className="text-sm text-destructive">{t("invite.validation.rolesRequired")}</p>
                ) : null}
              </fieldset>
            )}
          />
          {problems.length > 0 ? (
            <Alert tone="error" title={t("invite.partial")}>
              <ul className="grid gap-1">
                {problems.map((problem) => (
                  <li key={problem.email || "all"}>
                    {problem.result === "not_sent"
                      ? t("invite.notSent", { email: problem.email, reason: mailErrorText(problem.error) })
                      : problem.email
                        ? t("invite.refused", { email: problem.email, reason: errorText(problem.error) })
                        : errorText(problem.error)}
                  </li>
                ))}
              </ul>
            </Alert>
          ) : null}
          <div className="flex flex-wrap justify-end gap-3">
            <Button variant="outline" onClick={() => onOpenChange(false)}>
              {t("cancel")}
            </Button>
            <Button type="submit" loading={invite.isPending}>
              {t("invite.submit")}
            </Button>
          </div>
        </form>
      </DialogContent>
    </Dialog>
  );
}
