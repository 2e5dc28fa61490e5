import { MoreHorizontal } from "lucide-react";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import {
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
} from "../../../components/ui/dropdown-menu.tsx";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "../../../components/ui/table.tsx";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { displayName, type Member, type Role } from "../api/members-query.ts";
import { useRoleText } from "../hooks/use-role-text.ts";

export type MemberAction = "roles" | "attributes" | "explain" | "remove";

type MembersTableProps = {
  members: Member[];
  roles: Role[];
  myUserId: string;
  /** Which actions to offer for a member (what the signed-in member may start). */
  actionsFor: (member: Member) => MemberAction[];
  onAction: (action: MemberAction, member: Member) => void;
};

/** Everyone in the workspace: name and email, roles as badges, when they joined, and what one may do with them. */
export function MembersTable({ members, roles, myUserId, actionsFor, onAction }: MembersTableProps) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const roleText = useRoleText();
  const roleById = new Map(roles.map((role) => [role.id, role]));
  const labels: Record<MemberAction, string> = {
    roles: t("members.changeRoles"),
    attributes: t("members.editAttributes"),
    explain: t("members.explain"),
    remove: t("members.remove"),
  };

  return (
    <Table aria-label={t("members.listLabel", { name: tenant.tenant.name })}>
      <TableHeader>
        <TableRow>
          <TableHead>{t("members.name")}</TableHead>
          <TableHead>{t("members.roles")}</TableHead>
          <TableHead className="hidden md:table-cell">{t("members.joined")}</TableHead>
          <TableHead className="w-12">
            <span className="sr-only">{t("members.actions")}</span>
          </TableHead>
        </TableRow>
      </TableHeader>
      <TableBody>
        {members.map((member) => {
          const name = displayName(member);
          const actions = actionsFor(member);
          const attributeCount = Object.keys(member.attributes).length;
          const memberRoles = member.roleIds.flatMap((id) => {
            const role = roleById.get(id);
            return role ? [role] : [];
          });
          return (
            <TableRow key={member.userId}>
              <TableCell>
                <div className="grid min-w-0 gap-0.5">
                  <span className="font-medium">
                    {name}
                    {member.userId === myUserId ? <span className="font-normal text-muted-foreground"> ({t("you")})</span> : null}
                  </span>
                  {member.name && member.email ? <span className="text-xs text-muted-foreground">{member.email}</span> : null}
                  {attributeCount > 0 ? (
                    <span className="text-xs text-muted-foreground">
                      {t("members.attributeCount", { count: attributeCount })}
                    </span>
                  ) : null}
                </div>
              </TableCell>
              <TableCell>
                <div className="flex flex-wrap gap-1">
                  {member.isApiKey ? <Badge variant="outline">{t("members.apiKey")}</Badge> : null}
                  {memberRoles.length === 0 ? <span className="text-muted-foreground">{t("members.noRoles")}</span> : null}
                  {memberRoles.map((role) => (
                    <Badge key={role.id} variant={role.builtin && role.key === "admin" ? "primary" : "neutral"}>
                      {roleText.name(role)}
                    </Badge>
                  ))}
                </div>
              </TableCell>
              <TableCell className="hidden whitespace-nowrap text-muted-foreground md:table-cell">
                {tenant.formatDateTime(member.joinedAt)}
              </TableCell>
              <TableCell className="text-right">
                {actions.length > 0 ? (
                  <DropdownMenu modal={false}>
                    <DropdownMenuTrigger asChild>
                      <Button variant="ghost" size="icon" aria-label={t("members.actionsFor", { name })}>
                        <MoreHorizontal aria-hidden="true" className="size-4" />
                      </Button>
                    </DropdownMenuTrigger>
                    <DropdownMenuContent align="end">
                      {actions.map((action) => (
                        <Fragment key={action}>
                          {action === "remove" && actions.length > 1 ? <DropdownMenuSeparator /> : null}
                          <DropdownMenuItem
                            className={action === "remove" ? "text-destructive" : undefined}
                            onSelect={() => onAction(action, member)}
                          >
                            {labels[action]}
                          </DropdownMenuItem>
                        </Fragment>
                      ))}
                    </DropdownMenuContent>
                  </DropdownMenu>
                ) : null}
              </TableCell>
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}
