import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../components/ui/dialog.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useSetMemberRolesMutation } from "../api/member-mutations.ts";
import { displayName, type Member, type Role } from "../api/members-query.ts";
import { useActor } from "../hooks/use-actor.ts";
import { useRoleText } from "../hooks/use-role-text.ts";
import { canGrantRole, isAdminRole, roleChangeProblem } from "../lib/role-rules.ts";

type MemberRolesDialogProps = {
  member: Member;
  roles: Role[];
  adminCount: number;
  onClose: () => void;
};

/**
 * Replaces a member's roles. Only roles the signed-in member may give or take are offered
 * (rule 2); the problem the database would answer is shown before saving, and its refusal
 * in words if the live state differs.
 */
export function MemberRolesDialog({ member, roles, adminCount, onClose }: MemberRolesDialogProps) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const actor = useActor();
  const roleText = useRoleText();
  const errorText = useApiErrorText();
  const save = useSetMemberRolesMutation();
  const [selected, setSelected] = useState<string[]>(member.roleIds);
  const [error, setError] = useState<unknown>(null);
  const name = displayName(member);
  const self = member.userId === actor.userId;
  const changed = selected.length !== member.roleIds.length || selected.some((id) => !member.roleIds.includes(id));
  const problem = roleChangeProblem(actor, member, member.roleIds, selected, roles, adminCount);

  const toggle = (id: string, on: boolean) => setSelected((current) => (on ? [...current, id] : current.filter((x) => x !== id)));

  const submit = () => {
    setError(null);
    save.mutate(
      { tenantId: tenant.tenant.id, userId: member.userId, roleIds: selected, self },
      {
        onSuccess: () => {
          toast.success(t("rolesDialog.saved", { name }));
          onClose();
        },
        onError: setError,
      },
    );
  };

  return (
    <Dialog open onOpenChange={(open) => (open ? null : onClose())}>
      <DialogContent className="max-w-lg">
        <DialogTitle>{t("rolesDialog.title", { name })}</DialogTitle>
        <DialogDescription>{t("rolesDialog.description", { name })}</DialogDescription>
        {self ? <Alert>{t("rolesDialog.selfHint")}</Alert> : null}
        <fieldset className="grid gap-3">
          <legend className="mb-2 text-sm font-medium">{t("rolesDialog.legend")}</legend>
          {roles.map((role) => {
            const id = `member-role-${role.id}`;
            const grantable = canGrantRole(actor, role);
            const lockedForSelf = self && !(isAdminRole(role) && member.roleIds.includes(role.id));
            const disabled = !grantable || (self && lockedForSelf);
            const hintId = `${id}-hint`;
            const hint = !grantable ? (isAdminRole(role) ? t("rolesDialog.adminOnly") : t("rolesDialog.notGrantable")) : null;
            return (
              <div key={role.id} className="flex items-start gap-3">
                <Checkbox
                  id={id}
                  checked={selected.includes(role.id)}
                  disabled={disabled}
                  aria-describedby={hint ? hintId : undefined}
                  onCheckedChange={(checked) => toggle(role.id, checked === true)}
                  className="mt-0.5"
                />
                <div className="grid gap-0.5">
                  <Label htmlFor={id}>{roleText.name(role)}</Label>
                  <p className="text-xs text-muted-foreground">{roleText.description(role)}</p>
                  {hint ? (
                    <p id={hintId} className="text-xs text-muted-foreground">
                      {hint}
                    </p>
                  ) : null}
                </div>
              </div>
            );
          })}
        </fieldset>
        {changed && problem ? <Alert tone="error">{t(`rolesDialog.problems.${problem}`)}</Alert> : null}
        {error ? <Alert tone="error">{errorText(error)}</Alert> : null}
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="outline" onClick={onClose}>
            {t("cancel")}
          </Button>
          <Button onClick={submit} disabled={!changed || problem !== null} loading={save.isPending}>
            {t("rolesDialog.submit")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
}
