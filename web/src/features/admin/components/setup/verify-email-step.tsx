import { MailCheck } from "lucide-react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { useErrorText } from "../../../auth/hooks/use-error-text.ts";
import { useResendAdminConfirmationMutation } from "../../api/setup.ts";

/** Step 1: the address must be confirmed by its mailed link (Auth also refuses sign-in before that). */
export function VerifyEmailStep({ email, onDone }: { email: string; onDone: () => void }) {
  const { t } = useTranslation("admin");
  const errorText = useErrorText();
  const resend = useResendAdminConfirmationMutation();
  return (
    <Card aria-labelledby="setup-email">
      <CardHeader>
        <MailCheck aria-hidden="true" className="size-6 text-primary" />
        <CardTitle id="setup-email">{t("setup.email.title")}</CardTitle>
        <CardDescription>{t("setup.email.body", { email })}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-4">
        {resend.isSuccess ? <Alert tone="success">{t("signIn.resent", { email })}</Alert> : null}
        {resend.error ? <Alert tone="error">{errorText.auth(resend.error)}</Alert> : null}
        <div className="flex flex-wrap gap-3">
          <Button onClick={onDone}>{t("setup.email.check")}</Button>
          <Button variant="outline" loading={resend.isPending} onClick={() => resend.mutate(email)}>
            {t("signIn.resend")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
