import { LifeBuoy } from "lucide-react";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../../components/ui/button.tsx";
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "../../../../components/ui/card.tsx";
import { RecoveryCodesPanel } from "../../../security/components/recovery-codes-panel.tsx";

/** After activation: the ten recovery codes, shown once, before the console opens. */
export function RecoveryCodesStep({ codes, email, onDone }: { codes: string[]; email: string; onDone: () => void }) {
  const { t } = useTranslation("admin");
  const [saved, setSaved] = useState(false);
  return (
    <Card aria-labelledby="setup-codes">
      <CardHeader>
        <LifeBuoy aria-hidden="true" className="size-6 text-primary" />
        <CardTitle id="setup-codes">{t("setup.codes.title")}</CardTitle>
        <CardDescription>{t("setup.codes.body")}</CardDescription>
      </CardHeader>
      <CardContent className="grid gap-5">
        <RecoveryCodesPanel codes={codes} account={email} saved={saved} onSavedChange={setSaved} />
        <div>
          <Button disabled={!saved} onClick={onDone}>
            {t("setup.codes.continue")}
          </Button>
        </div>
      </CardContent>
    </Card>
  );
}
