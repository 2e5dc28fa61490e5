import type { User, UserIdentity } from "@supabase/supabase-js";
import type { TFunction } from "i18next";
import { KeyRound, LayoutGrid, LogOut, Mail } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link, useNavigate } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { FacebookMark, GoogleMark } from "../../auth/components/provider-marks.tsx";
import { useSession } from "../../auth/hooks/session.tsx";
import { useErrorText } from "../../auth/hooks/use-error-text.ts";
import { AccountSecurityCard } from "../../security/components/account-security-card.tsx";
import { useMyTenantsQuery } from "../../tenants/api/my-tenants-query.ts";
import { type SignOutScope, useSignOutMutation } from "../api/sign-out-mutation.ts";
import { useCurrentUserQuery } from "../api/user-query.ts";

const PROVIDER_ICONS: Record<string, ReactNode> = {
  email: <Mail aria-hidden="true" className="size-5" />,
  google: <GoogleMark />,
  facebook: <FacebookMark />,
};

function providerName(t: TFunction, provider: string): string {
  if (provider === "email" || provider === "google" || provider === "facebook") return t(`auth.providers.${provider}`);
  return provider;
}

function DetailRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="grid gap-1 sm:grid-cols-[10rem_1fr] sm:gap-4">
      <dt className="text-sm text-muted-foreground">{label}</dt>
      <dd className="min-w-0 break-words text-sm font-medium">{children}</dd>
    </div>
  );
}

function AccountDetails({ user }: { user: User }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  return (
    <Card aria-labelledby="account-details">
      <CardHeader>
        <CardTitle id="account-details">{t("home.details.title")}</CardTitle>
      </CardHeader>
      <CardContent>
        <dl className="grid gap-3">
          <DetailRow label={t("home.details.email")}>
            {user.email}{" "}
            <span className={user.email_confirmed_at ? "text-success" : "text-destructive"}>
              ({user.email_confirmed_at ? t("home.details.emailConfirmed") : t("home.details.emailUnconfirmed")})
            </span>
          </DetailRow>
          <DetailRow label={t("home.details.createdAt")}>{formatDateTime(user.created_at, language)}</DetailRow>
          <DetailRow label={t("home.details.lastSignIn")}>{formatDateTime(user.last_sign_in_at, language)}</DetailRow>
          <DetailRow label={t("home.details.userId")}>
            <code className="font-mono text-xs">{user.id}</code>
          </DetailRow>
        </dl>
      </CardContent>
    </Card>
  );
}

function IdentityItem({ identity }: { identity: UserIdentity }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? "en";
  const email = typeof identity.identity_data?.email === "string" ? identity.identity_data.email : null;
  return (
    <li className="flex items-start gap-3 py-3">
      <span className="mt-0.5 flex size-5 items-center justify-center text-muted-foreground">
        {PROVIDER_ICONS[identity.provider] ?? <KeyRound aria-hidden="true" className="size-5" />}
      </span>
      <div className="grid min-w-0 gap-0.5">
        <p className="font-medium">{providerName(t, identity.provider)}</p>
        {email ? <p className="truncate text-sm text-muted-foreground">{email}</p> : null}
        <p className="text-xs text-muted-foreground">
          {t("home.identities.linkedOn", { date: formatDateTime(identity.created_at, language) })}
          {identity.last_sign_in_at
            ? ` · ${t("home.identities.lastUsed", { date: formatDateTime(identity.last_sign_in_at, language) })}`
            : ""}
        </p>
      </div>
    </li>
  );
}

function Identities({ identities }: { identities: UserIdentity[] }) {
  const { t } = useTranslation();
  return (
    <Card aria-labelledby="account-identities">
      <CardHeader>
        <CardTitle id="account-identities">{t("home.identities.title")}</CardTitle>
        <CardDescription>{t("home.identities.description")}</CardDescription>
      </CardHeader>
      <CardContent>
        {identities.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("home.identities.empty")}</p>
        ) : (
          <ul className="divide-y">
            {identities.map((identity) => (
              <IdentityItem key={identity.identity_id ?? `${identity.provider}:${identity.id}`} identity={identity} />
            ))}
          </ul>
        )}
      </CardContent>
    </Card>
  );
}

function SignOutCard() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const navigate = useNavigate();
  const signOut = useSignOutMutation();
  const run = (scope: SignOutScope) =>
    signOut.mutate(scope, {
      onSuccess: () => {
        toast.success(scope === "global" ? t("home.sessions.signedOutEverywhere") : t("home.sessions.signedOut"));
        navigate("/sign-in", { replace: true });
      },
    });
  return (
    <Card aria-labelledby="account-sessions">
      <CardHeader>
        <CardTitle id="account-sessions">{t("home.sessions.title")}</CardTitle>
        <CardDescription>{t("home.sessions.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {signOut.error ? <Alert tone="error">{errorText.auth(signOut.error)}</Alert> : null}
        <div className="flex flex-wrap gap-3">
          <Button variant="outline" loading={signOut.isPending && signOut.variables === "local"} onClick={() => run("local")}>
            <LogOut aria-hidden="true" className="size-4" />
            {t("home.sessions.thisDevice")}
          </Button>
          <ConfirmDialog
            trigger={
              <Button variant="destructive" loading={signOut.isPending && signOut.variables === "global"}>
                {t("home.sessions.everywhere")}
              </Button>
            }
            title={t("home.sessions.confirmTitle")}
            description={t("home.sessions.confirmBody")}
            confirmLabel={t("home.sessions.confirm")}
            cancelLabel={t("home.sessions.cancel")}
            onConfirm={() => run("global")}
          />
        </div>
      </CardContent>
    </Card>
  );
}

function WorkspacesCard({ userId }: { userId: string }) {
  const { t } = useTranslation();
  const tenants = useMyTenantsQuery(userId);
  return (
    <Card aria-labelledby="account-workspaces">
      <CardHeader>
        <div className="flex items-center gap-2">
          <LayoutGrid aria-hidden="true" className="size-5 text-primary" />
          <CardTitle id="account-workspaces">{t("home.workspaces.title")}</CardTitle>
        </div>
        <CardDescription>{t("home.workspaces.body")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-3">
        {tenants.isPending ? (
          <Skeleton className="h-10" />
        ) : tenants.data?.length ? (
          <ul className="grid gap-1">
            {tenants.data.map(({ tenant }) => (
              <li key={tenant.id}>
                <Link className="font-medium text-primary underline-offset-4 hover:underline" to={`/t/${tenant.slug}`}>
                  {tenant.name}
                </Link>
              </li>
            ))}
          </ul>
        ) : (
          <p className="text-sm text-muted-foreground">{t("home.workspaces.none")}</p>
        )}
        <div>
          <Button variant="outline" asChild>
            <Link to="/tenants/new">{t("home.workspaces.create")}</Link>
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}

function AccountSkeleton() {
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <Skeleton className="h-56" />
      <Skeleton className="h-56" />
    </div>
  );
}

/** /account: who you are, how you sign in, your workspaces, and how to sign out. */
export function AccountPage() {
  const { t } = useTranslation();
  const errorText = useErrorText();
  const session = useSession();
  const userId = session.session?.user.id ?? "";
  const user = useCurrentUserQuery(userId);
  const email = user.data?.email ?? session.session?.user.email ?? "";

  return (
    <div className="grid gap-6">
      <title>{`${t("home.title")} · ${t("app.name")}`}</title>
      <div className="grid gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">{t("home.title")}</h1>
        <p className="text-muted-foreground">{t("home.signedInAs", { email })}</p>
      </div>
      {user.isPending ? (
        <>
          <p role="status" className="sr-only">
            {t("app.loading")}
          </p>
          <AccountSkeleton />
        </>
      ) : user.isError ? (
        <Alert tone="error" title={t("home.identities.loadFailed")}>
          <p>{errorText.auth(user.error)}</p>
          <Button variant="link" onClick={() => void user.refetch()}>
            {t("errorBoundary.retry")}
          </Button>
        </Alert>
      ) : (
        <div className="grid gap-6 lg:grid-cols-2">
          <AccountDetails user={user.data} />
          <Identities identities={user.data.identities ?? []} />
        </div>
      )}
      <AccountSecurityCard />
      <div className="grid gap-6 lg:grid-cols-2">
        <SignOutCard />
        <WorkspacesCard userId={userId} />
      </div>
    </div>
  );
}
