import { ArrowLeft, Trash2 } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { Button } from "../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../components/ui/card.tsx";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { useMfaStatusQuery } from "../api/mfa-status-query.ts";
import { LinkedAccountsCard } from "./linked-accounts-card.tsx";
import { PageTitle } from "./page-title.tsx";
import { TwoFactorCard } from "./two-factor-card.tsx";

/** Where account deletion starts: what it means, and the way to the page that spells it out. */
function DeleteAccountCard() {
  const { t } = useTranslation("security");
  return (
    <Card aria-labelledby="security-delete" className="border-destructive/40">
      <CardHeader>
        <CardTitle id="security-delete">{t("deleteCard.title")}</CardTitle>
        <CardDescription>{t("deleteCard.body")}</CardDescription>
      </CardHeader>
      <CardContent>
        <Button variant="destructive" asChild>
          <Link to="/account/delete">
            <Trash2 aria-hidden="true" className="size-4" />
            {t("deleteCard.open")}
          </Link>
        </Button>
      </CardContent>
    </Card>
  );
}

/** /account/security: two-factor authentication, linked accounts and account deletion. */
export function SecurityPage() {
  const { t } = useTranslation("security");
  const status = useMfaStatusQuery();
  return (
    <div className="grid gap-6">
      <PageTitle title={t("page.title")} />
      <div>
        <Button variant="link" asChild>
          <Link to="/account">
            <ArrowLeft aria-hidden="true" className="size-4" />
            {t("page.back")}
          </Link>
        </Button>
      </div>
      <PageHeader title={t("page.title")} description={t("page.description")} className="mb-0" />
      <TwoFactorCard />
      <LinkedAccountsCard twoFactorOn={status.data?.active ?? false} />
      <DeleteAccountCard />
    </div>
  );
}
