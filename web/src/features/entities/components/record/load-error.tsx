import { useTranslation } from "react-i18next";
import { Alert } from "../../../../components/ui/alert.tsx";
import { Button } from "../../../../components/ui/button.tsx";
import { useApiErrorText } from "../../../../lib/api-error-text.ts";
import { PageTitle } from "./page-title.tsx";

/** A page whose data could not be loaded (network, server): the reason in words and a retry. */
export function LoadError({ title, error, onRetry }: { title: string; error: unknown; onRetry: () => void }) {
  const { t } = useTranslation("entities");
  const errorText = useApiErrorText();
  return (
    <div className="grid gap-4">
      <PageTitle>{title}</PageTitle>
      <h1 className="text-2xl font-semibold tracking-tight">{title}</h1>
      <Alert tone="error">{errorText(error)}</Alert>
      <div>
        <Button variant="outline" onClick={onRetry}>
          {t("record.retry")}
        </Button>
      </div>
    </div>
  );
}
