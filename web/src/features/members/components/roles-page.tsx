import { ChevronRight, Plus, ShieldQuestion, Trash2 } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { ConfirmDialog, Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../components/ui/dialog.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { applyServerError } from "../../../lib/form-errors.ts";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import { isCapability } from "../../tenants/lib/capabilities.ts";
import { type Role, useMembersQuery, useRolesQuery } from "../api/members-query.ts";
import { useCreateRoleMutation, useDeleteRoleMutation } from "../api/role-mutations.ts";
import { useActor } from "../hooks/use-actor.ts";
import { useRoleText } from "../hooks/use-role-text.ts";
import { capabilitiesBeyond } from "../lib/role-rules.ts";
import { RoleForm } from "./role-form.tsx";

/** The capabilities of a role as badges, in the catalogue's words. */
export function CapabilityBadges({ capabilities }: { capabilities: readonly string[] }) {
  const { t } = useTranslation("members");
  if (capabilities.length === 0) return <span className="text-sm text-muted-foreground">{t("roles.noCapabilities")}</span>;
  return (
    <ul className="flex flex-wrap gap-1">
      {capabilities.filter(isCapability).map((capability) => (
        <li key={capability}>
          <Badge variant="outline">{t(`capabilities.${capability}.name`)}</Badge>
        </li>
      ))}
    </ul>
  );
}

/** Shown on pages for those who manage roles when someone without the capability opens them. */
export function NoRolesAccess() {
  const { t } = useTranslation("members");
  return <EmptyState title={t("roles.noAccessTitle")} description={t("roles.noAccessBody")} />;
}

function CreateRoleDialog() {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const navigate = useNavigate();
  const errorText = useApiErrorText();
  const create = useCreateRoleMutation(tenant.tenant.id);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<unknown>(null);
  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        setError(null);
      }}
    >
      <Button onClick={() => setOpen(true)}>
        <Plus aria-hidden="true" className="size-4" />
        {t("roles.create")}
      </Button>
      <DialogContent className="max-h-[90dvh] max-w-2xl overflow-y-auto">
        <DialogTitle>{t("roleForm.createTitle")}</DialogTitle>
        <DialogDescription>{t("roles.customDescription")}</DialogDescription>
        <RoleForm
          initial={{ name: "", description: "", capabilities: [] }}
          submitLabel={t("roleForm.create")}
          busy={create.isPending}
          error={error}
          onCancel={() => setOpen(false)}
          onSubmit={(values, form) => {
            setError(null);
            create.mutate(values, {
              onSuccess: (role) => {
                toast.success(t("roleForm.created", { name: role.name }));
                setOpen(false);
                navigate(tenant.path(`roles/${role.id}`));
              },
              onError: (failure) => {
                if (!applyServerError(form, failure, ["name", "description"], errorText)) setError(failure);
              },
            });
          }}
        />
      </DialogContent>
    </Dialog>
  );
}

function BuiltinRoleCard({ role, holders }: { role: Role; holders: number }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const roleText = useRoleText();
  const key = role.key as "admin" | "editor" | "viewer";
  return (
    <Card className="flex flex-col">
      <CardHeader>
        <div className="flex items-center justify-between gap-2">
          <CardTitle className="text-base">{roleText.name(role)}</CardTitle>
          <span className="text-xs text-muted-foreground">{t("roles.members", { count: holders })}</span>
        </div>
        <CardDescription>{roleText.description(role)}</CardDescription>
      </CardHeader>
      <CardContent className="grid flex-1 content-start gap-3">
        <CapabilityBadges capabilities={role.capabilities} />
        <p className="text-sm">{t(`builtin.${key}.data`)}</p>
        {key === "admin" ? null : (
          <div>
            <Button variant="outline" size="sm" asChild>
              <Link to={tenant.path(`roles/${role.id}`)} aria-label={`${t("roles.dataPermissions")}: ${roleText.name(role)}`}>
                {t("roles.dataPermissions")}
                <ChevronRight aria-hidden="true" className="size-4" />
              </Link>
            </Button>
          </div>
        )}
      </CardContent>
    </Card>
  );
}

function CustomRoleRow({ role, holders }: { role: Role; holders: number }) {
  const { t } = useTranslation("members");
  const tenant = useTenant();
  const actor = useActor();
  const errorText = useApiErrorText();
  const remove = useDeleteRoleMutation(tenant.tenant.id);
  const deletable = capabilitiesBeyond(actor, role.capabilities).length === 0;
  return (
    <li className="flex flex-wrap items-start gap-4 rounded-xl border bg-card p-4 shadow-sm">
      <div className="grid min-w-0 flex-1 gap-2">
        <div className="flex flex-wrap items-center gap-2">
          <Link
            to={tenant.path(`roles/${role.id}`)}
            className="font-semibold underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
          >
            {role.name}
          </Link>
          <span className="text-xs text-muted-foreground">{t("roles.members", { count: holders })}</span>
        </div>
        {role.description ? <p className="text-sm text-muted-foreground">{role.description}</p> : null}
        <CapabilityBadges capabilities={role.capabilities} />
      </div>
      <div className="flex gap-2">
        <Button variant="outline" size="sm" asChild>
          <Link to={tenant.path(`roles/${role.id}`)} aria-label={`${t("roles.dataPermissions")}: ${role.name}`}>
            {t("roles.dataPermissions")}
            <ChevronRight aria-hidden="true" className="size-4" />
          </Link>
        </Button>
        {deletable ? (
          <ConfirmDialog
            trigger={
              <Button
                variant="ghost"
                size="icon"
                aria-label={t("roles.deleteFor", { name: role.name })}
                disabled={remove.isPending}
              >
                <Trash2 aria-hidden="true" className="size-4" />
              </Button>
            }
            title={t("roles.deleteTitle", { name: role.name })}
            description={t("roles.deleteBody")}
            confirmLabel={t("roles.deleteConfirm")}
            cancelLabel={t("cancel")}
            onConfirm={() =>
              remove.mutate(role.id, {
                onSuccess: () => toast.success(t("roles.deleted", { name: role.name })),
                onError: (error) => toast.error(errorText(error)),
              })
            }
          />
        ) : null}
      </div>
    </li>
  );
}

/** /t/:slug/roles: the built-in roles explained, and the custom roles to create, open and delete. */
export function RolesPage() {
  const { t } = useTranslation("members");
  const { t: tc } = useTranslation();
  const tenant = useTenant();
  const roles = useRolesQuery(tenant.tenant.id);
  const members = useMembersQuery(tenant.tenant.id);
  const title = <title>{`${t("roles.title")} · ${tenant.tenant.name} · ${tc("app.name")}`}</title>;

  if (!tenant.can("manage_roles")) {
    return (
      <div className="grid gap-6">
        {title}
        <PageHeader className="mb-0" title={t("roles.title")} />
        <NoRolesAccess />
      </div>
    );
  }

  const holders = (role: Role) => (members.data ?? []).filter((member) => member.roleIds.includes(role.id)).length;
  const builtin = (roles.data ?? []).filter((role) => role.builtin);
  const custom = (roles.data ?? []).filter((role) => !role.builtin);

  return (
    <div className="grid gap-8">
      {title}
      <PageHeader
        className="mb-0"
        title={t("roles.title")}
        description={t("roles.description", { name: tenant.tenant.name })}
        actions={
          <>
            <Button variant="outline" asChild>
              <Link to={tenant.path("members/access")}>
                <ShieldQuestion aria-hidden="true" className="size-4" />
                {t("roles.explain")}
              </Link>
            </Button>
            <CreateRoleDialog />
          </>
        }
      />
      {roles.isPending ? (
        <div className="grid gap-3">
          <p role="status" className="sr-only">
            {t("roles.loading")}
          </p>
          <Skeleton className="h-32 w-full" />
          <Skeleton className="h-20 w-full" />
        </div>
      ) : roles.isError ? (
        <Alert tone="error">{t("roles.loadFailed")}</Alert>
      ) : (
        <>
          <section aria-labelledby="builtin-roles" className="grid gap-3">
            <div>
              <h2 id="builtin-roles" className="text-lg font-semibold">
                {t("roles.builtinTitle")}
              </h2>
              <p className="text-sm text-muted-foreground">{t("roles.builtinDescription")}</p>
            </div>
            <div className="grid gap-4 lg:grid-cols-3">
              {builtin.map((role) => (
                <BuiltinRoleCard key={role.id} role={role} holders={holders(role)} />
              ))}
            </div>
          </section>
          <section aria-labelledby="custom-roles" className="grid gap-3">
            <div>
              <h2 id="custom-roles" className="text-lg font-semibold">
                {t("roles.customTitle")}
              </h2>
              <p className="text-sm text-muted-foreground">{t("roles.customDescription")}</p>
            </div>
            {custom.length === 0 ? (
              <EmptyState title={t("roles.emptyTitle")} description={t("roles.emptyBody")} />
            ) : (
              <ul className="grid gap-3">
                {custom.map((role) => (
                  <CustomRoleRow key={role.id} role={role} holders={holders(role)} />
                ))}
              </ul>
            )}
          </section>
        </>
      )}
    </div>
  );
}
