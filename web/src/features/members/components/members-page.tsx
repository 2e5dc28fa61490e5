import { ShieldQuestion } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { useRemoveMemberMutation } from "../api/member-mutations.ts";
import { displayName, type Member, useMembersQuery, useRolesQuery } from "../api/members-query.ts";
import { useActor } from "../hooks/use-actor.ts";
import { countAdmins, leaveProblem, removeMemberProblem } from "../lib/role-rules.ts";
import { ConfirmAction } from "./confirm-action.tsx";
import { InvitationsCard } from "./invitations-card.tsx";
import { InviteDialog } from "./invite-dialog.tsx";
import { LeaveCard } from "./leave-card.tsx";
import { MemberAttributesDialog } from "./member-attributes-dialog.tsx";
import { MemberRolesDialog } from "./member-roles-dialog.tsx";
import { type MemberAction, MembersTable } from "./members-table.tsx";

type OpenDialog = { action: "roles" | "attributes" | "remove"; member: Member } | null;

function ListSkeleton() {
  const { t } = useTranslation("members");
  return (
    <div className="grid gap-2">
      <p role="status" className="sr-only">
        {t("members.loading")}
      </p>
      {[0, 1, 2].map((row) => (
        <Skeleton key={row} className="h-12 w-full" />
      ))}
    </div>
  );
}

/**
 * /t/:slug/members: everyone in the workspace. Every member sees the list and may leave;
 * managing (invite, roles, remove, invitations) shows for those with manage_members,
 * attributes for Admins, "what can they do" for those who manage roles.
 */
export function MembersPage() {
  const { t } = useTranslation("members");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const actor = useActor();
  const navigate = useNavigate();
  const errorText = useApiErrorText();
  const members = useMembersQuery(tenant.tenant.id);
  const roles = useRolesQuery(tenant.tenant.id);
  const remove = useRemoveMemberMutation();
  const [open, setOpen] = useState<OpenDialog>(null);
  const canManage = tenant.can("manage_members");
  const canManageRoles = tenant.can("manage_roles");

  const roleList = roles.data ?? [];
  const memberList = members.data ?? [];
  const adminCount = countAdmins(memberList, roleList);
  const me = memberList.find((member) => member.userId === actor.userId);

  const actionsFor = (member: Member): MemberAction[] => {
    const actions: MemberAction[] = [];
    if (canManage && !member.isApiKey) {
      // For oneself only where it can succeed: an Admin stepping down while another Admin remains.
      const self = member.userId === actor.userId;
      if (!self || (tenant.isAdmin && adminCount > 1)) actions.push("roles");
    }
    if (tenant.isAdmin && !member.isApiKey) actions.push("attributes");
    // One's own access is one click away in the page header ("What can I do?").
    if (canManageRoles && member.userId !== actor.userId) actions.push("explain");
    if (canManage && removeMemberProblem(actor, member, roleList, adminCount) === null) actions.push("remove");
    return actions;
  };

  const onAction = (action: MemberAction, member: Member) => {
    if (action === "explain") navigate(`${tenant.path("members/access")}?user=${member.userId}`);
    else setOpen({ action, member });
  };

  const onRemove = (member: Member) =>
    remove.mutate(
      { tenantId: tenant.tenant.id, userId: member.userId },
      {
        onSuccess: () => {
          toast.success(t("members.removed", { name: displayName(member) }));
          setOpen(null);
        },
        onError: (error) => {
          toast.error(errorText(error));
          setOpen(null);
        },
      },
    );

  const loading = members.isPending || roles.isPending;
  const failed = members.isError || roles.isError;

  return (
    <div className="grid gap-6">
      <title>{`${t("members.title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      <PageHeader
        className="mb-0"
        title={t("members.title")}
        description={t("members.description", { name: tenant.tenant.name })}
        actions={
          <>
            <Button variant="outline" asChild>
              <Link to={`${tenant.path("members/access")}?user=${actor.userId}`}>
                <ShieldQuestion aria-hidden="true" className="size-4" />
                {t("members.myAccess")}
              </Link>
            </Button>
            {canManage && roles.data ? <InviteDialog roles={roles.data} /> : null}
          </>
        }
      />
      {loading ? (
        <ListSkeleton />
      ) : failed ? (
        <Alert tone="error" title={t("members.loadFailed")}>
          <Button
            variant="link"
            onClick={() => {
              void members.refetch();
              void roles.refetch();
            }}
          >
            {t("members.retry")}
          </Button>
        </Alert>
      ) : memberList.length === 0 ? (
        <EmptyState title={t("members.empty")} />
      ) : (
        <MembersTable members={memberList} roles={roleList} myUserId={actor.userId} actionsFor={actionsFor} onAction={onAction} />
      )}
      {canManage && roles.data ? <InvitationsCard roles={roles.data} /> : null}
      {me ? <LeaveCard lastAdmin={leaveProblem(me.roleIds, roleList, adminCount) !== null} /> : null}

      {open?.action === "roles" ? (
        <MemberRolesDialog member={open.member} roles={roleList} adminCount={adminCount} onClose={() => setOpen(null)} />
      ) : null}
      {open?.action === "attributes" ? <MemberAttributesDialog member={open.member} onClose={() => setOpen(null)} /> : null}
      <ConfirmAction
        open={open?.action === "remove"}
        onOpenChange={(next) => (next ? null : setOpen(null))}
        title={open ? t("members.removeTitle", { name: displayName(open.member) }) : ""}
        description={open ? t("members.removeBody", { name: displayName(open.member), workspace: tenant.tenant.name }) : ""}
        confirmLabel={t("members.removeConfirm")}
        cancelLabel={t("cancel")}
        busy={remove.isPending}
        onConfirm={() => (open ? onRemove(open.member) : undefined)}
      />
    </div>
  );
}
