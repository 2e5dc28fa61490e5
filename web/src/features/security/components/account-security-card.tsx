import { ShieldCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { SECURITY_PAGE_PATH } from "../api/identities.ts";
import { useMfaRequirementQuery } from "../api/mfa-requirement-query.ts";
import { TwoFactorBadge } from "./two-factor-card.tsx";

/** The account page's way to the security page, with the one fact that matters most: is 2FA on. */
export function AccountSecurityCard() {
  const { t } = useTranslation("security");
  const requirement = useMfaRequirementQuery();
  return (
    <Card aria-labelledby="account-security">
      <CardHeader>
        <div className="flex items-center gap-2">
          <ShieldCheck aria-hidden="true" className="size-5 text-primary" />
          <CardTitle id="account-security">{t("accountCard.title")}</CardTitle>
        </div>
        <CardDescription>{t("accountCard.description")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        <div className="flex flex-wrap items-center gap-2 text-sm">
          <span className="text-muted-foreground">{t("accountCard.twoFactor")}:</span>
          {requirement.data ? (
            <TwoFactorBadge status={{ factor: requirement.data.factor, policy: requirement.data }} />
          ) : requirement.isPending ? (
            <Skeleton className="h-5 w-12 rounded-full" />
          ) : (
            <span>—</span>
          )}
        </div>
        <div>
          <Button variant="outline" asChild>
            <Link to={SECURITY_PAGE_PATH}>{t("accountCard.open")}</Link>
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
