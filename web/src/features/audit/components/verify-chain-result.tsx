import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import type { ChainCheck } from "../lib/audit-entries.ts";

/** What verify_audit_chain found: intact with how many entries, or the first broken link and why. */
export function VerifyChainResult({
  result,
  error,
  onOpen,
}: {
  result: ChainCheck | undefined;
  error: unknown;
  onOpen: (id: number) => void;
}) {
  const { t } = useTranslation("audit");
  const errorText = useApiErrorText();
  if (error) return <Alert tone="error">{t("verify.failed", { reason: errorText(error) })}</Alert>;
  if (!result) return null;
  if (result.ok) {
    return (
      <Alert tone="success" title={t("verify.okTitle")}>
        {t("verify.okBody", { count: result.checked })}
      </Alert>
    );
  }
  const reason = result.reason ?? "";
  return (
    <Alert tone="error" title={t("verify.brokenTitle")}>
      <p>
        {result.first_broken_id !== null
          ? t("verify.brokenBody", { id: result.first_broken_id, reason })
          : t("verify.brokenNoEntry", { reason })}
      </p>
      {result.first_broken_id !== null ? (
        <Button variant="link" onClick={() => onOpen(result.first_broken_id as number)}>
          {t("verify.openBroken", { id: result.first_broken_id })}
        </Button>
      ) : null}
    </Alert>
  );
}
