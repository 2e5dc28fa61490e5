import { Copy, Download } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { Checkbox } from "../../../components/ui/checkbox.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { downloadText, recoveryCodesFileName, recoveryCodesText } from "../lib/recovery-codes.ts";

type RecoveryCodesPanelProps = {
  codes: readonly string[];
  account: string;
  saved: boolean;
  onSavedChange: (saved: boolean) => void;
};

/**
 * The ten recovery codes, shown once: easy to copy or download as a text file, and an
 * explicit "I saved them" before the user may move on.
 */
export function RecoveryCodesPanel({ codes, account, saved, onSavedChange }: RecoveryCodesPanelProps) {
  const { t } = useTranslation("security");
  const listId = useId();
  const checkboxId = useId();
  const text = () => recoveryCodesText({ codes, account, createdAt: new Date(), intro: t("recoveryCodes.fileIntro") });

  const copy = async () => {
    try {
      await navigator.clipboard.writeText(codes.join("\n"));
      toast.success(t("recoveryCodes.copied"));
    } catch {
      // Clipboard refused (permissions, insecure origin): the codes stay selectable on screen.
      toast.error(t("errors.unknown"));
    }
  };

  return (
    <div className="grid gap-4">
      <div className="rounded-lg border bg-muted/50 p-4">
        <p id={listId} className="sr-only">
          {t("recoveryCodes.listLabel")}
        </p>
        <ol aria-labelledby={listId} className="grid grid-cols-1 gap-x-8 gap-y-2 font-mono text-base sm:grid-cols-2">
          {codes.map((code, index) => (
            <li key={code} className="flex gap-3">
              <span aria-hidden="true" className="w-7 shrink-0 text-right text-muted-foreground tabular-nums">
                {index + 1}.
              </span>
              <span className="select-all tracking-wider">{code}</span>
            </li>
          ))}
        </ol>
      </div>
      <div className="flex flex-wrap gap-3">
        <Button variant="outline" onClick={() => void copy()}>
          <Copy aria-hidden="true" className="size-4" />
          {t("recoveryCodes.copy")}
        </Button>
        <Button variant="outline" onClick={() => downloadText(recoveryCodesFileName(new Date()), text())}>
          <Download aria-hidden="true" className="size-4" />
          {t("recoveryCodes.download")}
        </Button>
      </div>
      <div className="flex items-start gap-3">
        <Checkbox id={checkboxId} className="mt-0.5" checked={saved} onCheckedChange={(value) => onSavedChange(value === true)} />
        <Label htmlFor={checkboxId} className="font-normal leading-snug">
          {t("recoveryCodes.confirm")}
        </Label>
      </div>
    </div>
  );
}
