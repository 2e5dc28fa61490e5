import { type ReactNode, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate, useParams } from "react-router";
import { Badge } from "../../../../components/ui/badge.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { PageHeader } from "../../../../components/ui/page-header.tsx";
import { toast } from "../../../../components/ui/toast.ts";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { useAdminDeleteUserMutation, useAdminUserQuery } from "../../api/users.ts";
import type { AdminUserDetail } from "../../lib/admin-types.ts";
import { RecordPage } from "../record-page.tsx";
import { TypeToConfirmDialog } from "../type-to-confirm-dialog.tsx";
import { useAdminDates } from "../use-admin-dates.ts";
import { UserActionsCard } from "./user-actions-card.tsx";
import { UserBadges } from "./user-badges.tsx";

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-0.5">
      <dt className="text-xs font-medium text-muted-foreground">{label}</dt>
      <dd className="break-words text-sm">{children}</dd>
    </div>
  );
}

function UserFacts({ user }: { user: AdminUserDetail }) {
  const { t } = useTranslation("admin");
  const date = useAdminDates();
  return (
    <Card aria-labelledby="admin-user-facts">
      <CardHeader>
        <CardTitle id="admin-user-facts">{t("user.account")}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-4 sm:grid-cols-3">
          <Fact label={t("users.columns.status")}>
            <UserBadges user={user} />
          </Fact>
          <Fact label={t("user.registered")}>{date(user.registered_at ?? user.created_at)}</Fact>
          <Fact label={t("users.columns.lastSignIn")}>{user.last_sign_in_at ? date(user.last_sign_in_at) : t("never")}</Fact>
          <Fact label={t("user.providers")}>{user.providers.length > 0 ? user.providers.join(", ") : "—"}</Fact>
          <Fact label={t("user.sessions")}>{user.session_count}</Fact>
          <Fact label={t("users.columns.mfa")}>{t(`mfa.${user.mfa}`)}</Fact>
          {user.banned_until ? <Fact label={t("user.bannedUntil")}>{t("user.forever")}</Fact> : null}
          {user.super_admin ? (
            <Fact label={t("user.setup")}>
              {user.super_admin_remaining.length === 0
                ? t("user.setupDone")
                : user.super_admin_remaining.map((step) => t(`setup.steps.${step}`)).join(", ")}
            </Fact>
          ) : null}
          <Fact label={t("user.id")}>
            <span className="font-mono text-xs">{user.id}</span>
          </Fact>
        </dl>
      </CardContent>
    </Card>
  );
}

function UserMemberships({ user }: { user: AdminUserDetail }) {
  const { t } = useTranslation("admin");
  return (
    <Card aria-labelledby="admin-user-memberships">
      <CardHeader>
        <CardTitle id="admin-user-memberships">{t("user.memberships", { count: user.memberships.length })}</CardTitle>
      </CardHeader>
      <CardContent>
        {user.memberships.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("user.noMemberships")}</p>
        ) : (
          <ul className="divide-y rounded-lg border">
            {user.memberships.map((m) => (
              <li key={m.tenant_id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2">
                <Link
                  to={`/admin/tenants/${m.tenant_id}`}
                  className="font-medium text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
                >
                  {m.name}
                </Link>
                <span className="flex flex-wrap gap-1">
                  {m.role_keys.map((key) => (
                    <Badge key={key} variant="outline">
                      {key}
                    </Badge>
                  ))}
                </span>
              </li>
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

/** /admin/users/:userId: one account, its workspaces, and what platform staff may change. */
export function AdminUserDetailPage() {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const navigate = useNavigate();
  const { userId = "" } = useParams();
  const user = useAdminUserQuery(userId);
  const remove = useAdminDeleteUserMutation(userId);
  const [deleting, setDeleting] = useState(false);

  return (
    <RecordPage kind="user" query={user} name={(detail) => detail.email ?? detail.id}>
      {(detail) => {
        const who = detail.email ?? detail.id;
        return (
          <>
            <PageHeader title={who} description={detail.full_name || undefined} className="mb-0" />
            <UserFacts user={detail} />
            <UserMemberships user={detail} />
            <UserActionsCard user={detail} />
            <Card aria-labelledby="admin-user-danger" className="border-destructive/50">
              <CardHeader>
                <CardTitle id="admin-user-danger" className="text-destructive">
                  {t("user.deleteTitle")}
                </CardTitle>
                <CardDescription>{detail.super_admin ? t("user.superAdminProtected") : t("user.deleteHint")}</CardDescription>
              </CardHeader>
              {detail.super_admin ? null : (
                <CardContent>
                  <Button variant="destructive" onClick={() => setDeleting(true)}>
                    {t("user.delete")}
                  </Button>
                </CardContent>
              )}
            </Card>
            <TypeToConfirmDialog
              open={deleting}
              onOpenChange={(open) => {
                setDeleting(open);
                if (!open) remove.reset();
              }}
              title={t("user.deleteConfirmTitle", { who })}
              description={<p>{t("user.deleteBody")}</p>}
              expected={detail.email ?? detail.id}
              label={t("user.deleteConfirmLabel", { who })}
              confirmLabel={t("user.delete")}
              pending={remove.isPending}
              error={remove.error ? errorText(remove.error) : null}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    toast.success(t("user.deleted", { who }));
                    navigate("/admin/users", { replace: true });
                  },
                })
              }
            />
          </>
        );
      }}
    </RecordPage>
  );
}
