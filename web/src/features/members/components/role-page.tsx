import { ArrowLeft } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { applyServerError } from "../../../lib/form-errors.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { type Role, useRolesQuery } from "../api/members-query.ts";
import { useUpdateRoleMutation } from "../api/role-mutations.ts";
import { useRoleText } from "../hooks/use-role-text.ts";
import { isAdminRole } from "../lib/role-rules.ts";
import { PermissionEditor } from "./permissions/permission-editor.tsx";
import { RoleForm } from "./role-form.tsx";
import { CapabilityBadges, NoRolesAccess } from "./roles-page.tsx";

function RoleDetails({ role }: { role: Role }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const roleText = useRoleText();
  const errorText = useApiErrorText();
  const update = useUpdateRoleMutation(tenant.tenant.id);
  const [error, setError] = useState<unknown>(null);

  if (role.builtin) {
    return (
      <Card aria-labelledby="role-details">
        <CardHeader>
          <CardTitle id="role-details">{t("roleForm.editTitle")}</CardTitle>
          <CardDescription>{roleText.description(role)}</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-3">
          <CapabilityBadges capabilities={role.capabilities} />
          <p className="text-sm text-muted-foreground">{t("role.builtinReadOnly")}</p>
        </CardContent>
      </Card>
    );
  }
  return (
    <Card aria-labelledby="role-details">
      <CardHeader>
        <CardTitle id="role-details">{t("roleForm.editTitle")}</CardTitle>
      </CardHeader>
      <CardContent>
        <RoleForm
          key={`${role.name}|${role.description}|${role.capabilities.join(",")}`}
          initial={{ name: role.name, description: role.description, capabilities: role.capabilities }}
          submitLabel={t("roleForm.save")}
          busy={update.isPending}
          error={error}
          onSubmit={(values, form) => {
            setError(null);
            update.mutate(
              { roleId: role.id, changes: values },
              {
                onSuccess: (saved) => toast.success(t("roleForm.saved", { name: saved.name })),
                onError: (failure) => {
                  if (!applyServerError(form, failure, ["name", "description"], errorText)) setError(failure);
                },
              },
            );
          }}
        />
      </CardContent>
    </Card>
  );
}

/**
 * /t/:slug/roles/:roleId: a role's name and workspace permissions (custom roles), and what
 * its holders may do with each blueprint's records (every role but Admin).
 */
export function RolePage() {
  const { t } = useTranslation("members");
  const { t: tc } = useTranslation();
  const { roleId } = useParams();
  const tenant = useTenant();
  const roleText = useRoleText();
  const roles = useRolesQuery(tenant.tenant.id);
  const role = roles.data?.find((candidate) => candidate.id === roleId);
  const heldByMe = tenant.roles.some((mine) => mine.id === roleId);

  const back = (
    <Link
      to={tenant.path("roles")}
      className="inline-flex items-center gap-1 text-sm text-muted-foreground hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t("role.back")}
    </Link>
  );

  if (!tenant.can("manage_roles")) {
    return (
      <div className="grid gap-6">
        <title>{`${t("roles.title")} · ${tc("app.name")}`}</title>
        <PageHeader className="mb-0" title={t("roles.title")} />
        <NoRolesAccess />
      </div>
    );
  }
  if (roles.isPending) {
    return (
      <div className="grid gap-4">
        <title>{`${t("roles.title")} · ${tc("app.name")}`}</title>
        <p role="status" className="sr-only">
          {t("role.loading")}
        </p>
        <h1 className="sr-only">{t("roles.title")}</h1>
        <Skeleton className="h-8 w-1/3" />
        <Skeleton className="h-48 w-full" />
      </div>
    );
  }
  if (!role) {
    return (
      <div className="grid gap-6">
        <title>{`${t("roles.title")} · ${tc("app.name")}`}</title>
        {back}
        <PageHeader className="mb-0" title={t("roles.title")} />
        {roles.isError ? <Alert tone="error">{t("roles.loadFailed")}</Alert> : <EmptyState title={t("role.notFound")} />}
      </div>
    );
  }

  const name = roleText.name(role);
  return (
    <div className="grid gap-6">
      <title>{`${name} · ${t("roles.title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>
      {back}
      <PageHeader
        className="mb-0"
        title={name}
        description={role.builtin ? roleText.description(role) : role.description || undefined}
        actions={
          <div className="flex flex-wrap items-center gap-2">
            <Badge variant={role.builtin ? "neutral" : "outline"}>
              {role.builtin ? t("role.builtinBadge") : t("role.customBadge")}
            </Badge>
            <span className="text-xs text-muted-foreground">{t("role.keyLabel", { key: role.key })}</span>
          </div>
        }
      />
      <RoleDetails role={role} />
      <section aria-labelledby="data-permissions" className="grid gap-3">
        <div>
          <h2 id="data-permissions" className="text-lg font-semibold">
            {t("permissions.title")}
          </h2>
          <p className="text-sm text-muted-foreground">{t("permissions.description", { role: name })}</p>
        </div>
        {isAdminRole(role) ? (
          <Alert>{t("permissions.adminAll")}</Alert>
        ) : heldByMe && !tenant.isAdmin ? (
          <Alert>{t("role.heldByYou")}</Alert>
        ) : (
          <PermissionEditor role={role} />
        )}
      </section>
    </div>
  );
}
