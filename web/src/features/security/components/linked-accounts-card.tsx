import type { UserIdentity } from "@supabase/supabase-js";
import { KeyRound, Mail } from "lucide-react";
import { type ReactNode, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { Alert } from "../../../components/ui/alert.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { ConfirmDialog } from "../../../components/ui/dialog.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { formatDateTime } from "../../../lib/format.ts";
import { FacebookMark, GoogleMark } from "../../auth/components/provider-marks.tsx";
import { useIdentitiesQuery, useLinkIdentityMutation, useUnlinkIdentityMutation } from "../api/identities.ts";
import { useSecurityErrorText } from "../hooks/use-security-error-text.ts";
import { identityEmail, type LinkableProvider, sortIdentities, unlinkBlocker, unlinkedProviders } from "../lib/identities.ts";

const MARKS: Record<string, ReactNode> = {
  email: <Mail aria-hidden="true" className="size-5" />,
  google: <GoogleMark />,
  facebook: <FacebookMark />,
};

/** "Google", "Facebook", "Email and password": the shared provider names of the auth screens. */
function useProviderName() {
  const { t } = useTranslation();
  return (provider: string) =>
    provider === "email" || provider === "google" || provider === "facebook" ? t(`auth.providers.${provider}`) : provider;
}

function IdentityRow({ identity, all }: { identity: UserIdentity; all: UserIdentity[] }) {
  const { t, i18n } = useTranslation("security");
  const language = i18n.resolvedLanguage ?? "en";
  const providerName = useProviderName();
  const errorText = useSecurityErrorText();
  const name = providerName(identity.provider);
  const unlink = useUnlinkIdentityMutation(() => toast.success(t("identities.unlinked", { provider: name })));
  const email = identityEmail(identity);
  const blocker = unlinkBlocker(identity, all);
  const reasonId = `unlink-reason-${identity.identity_id}`;
  return (
    <li className="grid gap-3 py-4 sm:grid-cols-[1fr_auto] sm:items-start">
      <div className="flex min-w-0 items-start gap-3">
        <span className="mt-0.5 flex size-5 shrink-0 items-center justify-center text-muted-foreground">
          {MARKS[identity.provider] ?? <KeyRound aria-hidden="true" className="size-5" />}
        </span>
        <div className="grid min-w-0 gap-0.5">
          <p className="flex flex-wrap items-center gap-2 font-medium">
            {name}
            {identity.provider === "email" ? <Badge variant="neutral">{t("identities.primary")}</Badge> : null}
          </p>
          {email ? <p className="truncate text-sm text-muted-foreground">{email}</p> : null}
          <p className="text-xs text-muted-foreground">
            {t("identities.linkedOn", { date: formatDateTime(identity.created_at, language) })}
            {identity.last_sign_in_at
              ? ` · ${t("identities.lastUsed", { date: formatDateTime(identity.last_sign_in_at, language) })}`
              : ""}
          </p>
          {blocker ? (
            <p id={reasonId} className="text-xs text-muted-foreground">
              {blocker === "primary" ? t("identities.primaryReason") : t("identities.lastReason")}
            </p>
          ) : null}
          {unlink.error ? (
            <Alert tone="error" className="mt-2">
              {errorText.error(unlink.error)}
            </Alert>
          ) : null}
        </div>
      </div>
      {blocker ? (
        identity.provider === "email" ? null : (
          <Button variant="outline" size="sm" disabled aria-describedby={reasonId}>
            {t("identities.unlink")}
          </Button>
        )
      ) : (
        <ConfirmDialog
          trigger={
            <Button
              variant="outline"
              size="sm"
              loading={unlink.isPending}
              aria-label={t("identities.unlinkLabel", { provider: name })}
            >
              {t("identities.unlink")}
            </Button>
          }
          title={t("identities.unlinkTitle", { provider: name })}
          description={t("identities.unlinkBody", { provider: name, email: email ?? name })}
          confirmLabel={t("identities.unlinkConfirm")}
          cancelLabel={t("identities.cancel")}
          onConfirm={() => unlink.mutate(identity)}
        />
      )}
    </li>
  );
}

function LinkButtons({ providers }: { providers: LinkableProvider[] }) {
  const { t } = useTranslation("security");
  const providerName = useProviderName();
  const errorText = useSecurityErrorText();
  const link = useLinkIdentityMutation();
  const [pending, setPending] = useState<LinkableProvider | null>(null);
  if (providers.length === 0) return <p className="text-sm text-muted-foreground">{t("identities.allLinked")}</p>;
  return (
    <div className="grid gap-3">
      <div className="flex flex-wrap gap-3">
        {providers.map((provider) => (
          <Button
            key={provider}
            variant="outline"
            loading={pending === provider}
            disabled={pending !== null}
            onClick={() => {
              setPending(provider);
              // On success the browser leaves for the provider, so the button stays busy.
              link.mutate(provider, { onError: () => setPending(null) });
            }}
          >
            {pending === provider ? null : MARKS[provider]}
            {t("identities.link", { provider: providerName(provider) })}
          </Button>
        ))}
      </div>
      {link.error ? <Alert tone="error">{errorText.error(link.error)}</Alert> : null}
    </div>
  );
}

/** Congratulates once after coming back from linking a provider, then drops the hint from the URL. */
function useLinkedToast(identities: UserIdentity[] | undefined) {
  const { t } = useTranslation("security");
  const providerName = useProviderName();
  const [params, setParams] = useSearchParams();
  const linked = params.get("linked");
  const shown = useRef(false);
  useEffect(() => {
    if (!linked || !identities || shown.current) return;
    shown.current = true;
    if (identities.some((identity) => identity.provider === linked))
      toast.success(t("identities.linked", { provider: providerName(linked) }));
    setParams(
      (current) => {
        current.delete("linked");
        return current;
      },
      { replace: true },
    );
  }, [linked, identities, t, providerName, setParams]);
}

/** The ways to sign in: list, link Google or Facebook, unlink (never the email identity or the last one). */
export function LinkedAccountsCard({ twoFactorOn }: { twoFactorOn: boolean }) {
  const { t } = useTranslation("security");
  const errorText = useSecurityErrorText();
  const identities = useIdentitiesQuery();
  useLinkedToast(identities.data);
  const sorted = identities.data ? sortIdentities(identities.data) : [];
  return (
    <Card aria-labelledby="security-identities">
      <CardHeader>
        <CardTitle id="security-identities">{t("identities.title")}</CardTitle>
        <CardDescription>{t("identities.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {identities.isPending ? (
          <div className="grid gap-3">
            <p role="status" className="sr-only">
              {t("status.loading")}
            </p>
            <Skeleton className="h-12" />
            <Skeleton className="h-12" />
          </div>
        ) : identities.isError ? (
          <Alert tone="error" title={t("identities.loadFailed")}>
            <p>{errorText.error(identities.error)}</p>
            <Button variant="link" onClick={() => void identities.refetch()}>
              {t("identities.retry")}
            </Button>
          </Alert>
        ) : sorted.length === 0 ? (
          <p className="text-sm text-muted-foreground">{t("identities.empty")}</p>
        ) : (
          <ul className="divide-y">
            {sorted.map((identity) => (
              <IdentityRow key={identity.identity_id} identity={identity} all={sorted} />
            ))}
          </ul>
        )}
        {identities.data ? (
          <div className="grid gap-2 border-t pt-4">
            <h3 className="text-sm font-semibold">{t("identities.linkTitle")}</h3>
            <LinkButtons providers={unlinkedProviders(identities.data)} />
            {twoFactorOn ? <p className="text-xs text-muted-foreground">{t("identities.twoFactorNote")}</p> : null}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
