import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useResendInvitationMutation, useRevokeInvitationMutation } from "../api/invitation-mutations.ts";
import { type Invitation, useInvitationsQuery } from "../api/invitations-query.ts";
import { useInviteMembersMutation } from "../api/invite-members-mutation.ts";
import type { Role } from "../api/members-query.ts";
import { useMailErrorText } from "../hooks/use-mail-error-text.ts";
import { useRoleText } from "../hooks/use-role-text.ts";

/** Pending invitations with their state, for members who manage members: send again, invite again, revoke. */
export function InvitationsCard({ roles }: { roles: Role[] }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const roleText = useRoleText();
  const errorText = useApiErrorText();
  const mailErrorText = useMailErrorText();
  const invitations = useInvitationsQuery(tenant.tenant.id, true);
  const resend = useResendInvitationMutation(tenant.tenant.id);
  const revoke = useRevokeInvitationMutation(tenant.tenant.id);
  const inviteAgain = useInviteMembersMutation();
  const roleById = new Map(roles.map((role) => [role.id, role]));

  const onResend = (invitation: Invitation) =>
    resend.mutate(invitation.id, {
      onSuccess: () => toast.success(t("invitations.resent", { email: invitation.email })),
      onError: (error) => toast.error(mailErrorText(error)),
    });
  const onRevoke = (invitation: Invitation) =>
    revoke.mutate(invitation.id, {
      onSuccess: () => toast.success(t("invitations.revoked", { email: invitation.email })),
      onError: (error) => toast.error(errorText(error)),
    });
  const onInviteAgain = (invitation: Invitation) =>
    inviteAgain.mutate(
      { tenantId: tenant.tenant.id, emails: [invitation.email], roleIds: invitation.role_ids },
      {
        onSuccess: ([outcome]) => {
          if (outcome?.result === "sent") toast.success(t("invite.sent", { count: 1, email: invitation.email }));
          else if (outcome?.result === "not_sent") toast.error(mailErrorText(outcome.error));
          else if (outcome) toast.error(errorText(outcome.error));
        },
      },
    );

  const status = (invitation: Invitation) => {
    if (invitation.expired) return <Badge variant="destructive">{t("invitations.expired")}</Badge>;
    return (
      <div className="grid gap-0.5">
        <span>{t("invitations.expires", { date: tenant.formatDateTime(invitation.expires_at) })}</span>
        <span className="text-xs text-muted-foreground">
          {invitation.send_count === 0 ? t("invitations.notSent") : t("invitations.sentTimes", { count: invitation.send_count })}
        </span>
      </div>
    );
  };

  return (
    <Card aria-labelledby="invitations-title">
      <CardHeader>
        <CardTitle id="invitations-title">{t("invitations.title")}</CardTitle>
        <CardDescription>{t("invitations.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {invitations.isPending ? (
          <div className="grid gap-2">
            <p role="status" className="sr-only">
              {t("loading")}
            </p>
            <Skeleton className="h-10 w-full" />
            <Skeleton className="h-10 w-full" />
          </div>
        ) : invitations.isError ? (
          <Alert tone="error">{t("invitations.loadFailed")}</Alert>
        ) : invitations.data.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("invitations.empty")}</p>
        ) : (
          <Table aria-labelledby="invitations-title">
            <TableHeader>
              <TableRow>
                <TableHead>{t("invitations.email")}</TableHead>
                <TableHead>{t("invitations.roles")}</TableHead>
                <TableHead>{t("invitations.status")}</TableHead>
                <TableHead>
                  <span className="sr-only">{t("members.actions")}</span>
                </TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {invitations.data.map((invitation) => (
                <TableRow key={invitation.id}>
                  <TableCell className="font-medium break-all">{invitation.email}</TableCell>
                  <TableCell>
                    <div className="flex flex-wrap gap-1">
                      {invitation.role_ids.flatMap((id) => {
                        const role = roleById.get(id);
                        return role ? [<Badge key={id}>{roleText.name(role)}</Badge>] : [];
                      })}
                    </div>
                  </TableCell>
                  <TableCell>{status(invitation)}</TableCell>
                  <TableCell>
                    <div className="flex flex-wrap justify-end gap-2">
                      {invitation.expired ? (
                        <Button
                          variant="outline"
                          size="sm"
                          loading={inviteAgain.isPending && inviteAgain.variables?.emails[0] === invitation.email}
                          onClick={() => onInviteAgain(invitation)}
                        >
                          {t("invitations.inviteAgain")}
                        </Button>
                      ) : (
                        <Button
                          variant="outline"
                          size="sm"
                          aria-label={t("invitations.resendFor", { email: invitation.email })}
                          loading={resend.isPending && resend.variables === invitation.id}
                          onClick={() => onResend(invitation)}
                        >
                          {t("invitations.resend")}
                        </Button>
                      )}
                      <ConfirmDialog
                        trigger={
                          <Button variant="ghost" size="sm" aria-label={t("invitations.revokeFor", { email: invitation.email })}>
                            {t("invitations.revoke")}
                          </Button>
                        }
                        title={t("invitations.revokeTitle", { email: invitation.email })}
                        description={t("invitations.revokeBody")}
                        confirmLabel={t("invitations.revokeConfirm")}
                        cancelLabel={t("cancel")}
                        onConfirm={() => onRevoke(invitation)}
                      />
                    </div>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        )}
      </CardContent>
    </Card>
  );
}
