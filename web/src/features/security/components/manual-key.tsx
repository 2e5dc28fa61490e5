import { Copy } from "lucide-react";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { Button } from "../../../components/ui/button.tsx";
import { toast } from "../../../components/ui/toast.ts";
import { compactKey, keyGroups } from "../lib/manual-key.ts";

/** The setup key for people who can't scan: grouped by four for reading, copied without spaces. */
export function ManualKey({ value }: { value: string }) {
  const { t } = useTranslation("security");
  const labelId = useId();
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(compactKey(value));
      toast.success(t("setup.keyCopied"));
    } catch {
      toast.error(t("errors.unknown"));
    }
  };
  return (
    <figure aria-labelledby={labelId} className="grid gap-2">
      <figcaption id={labelId} className="text-sm font-medium">
        {t("setup.manualKey")}
      </figcaption>
      <div className="flex flex-wrap items-center gap-3">
        <code className="select-all rounded-md border bg-muted px-3 py-2 font-mono text-base tracking-wider break-all">
          {keyGroups(value).join(" ")}
        </code>
        <Button variant="outline" size="sm" onClick={() => void copy()}>
          <Copy aria-hidden="true" className="size-4" />
          {t("setup.copyKey")}
        </Button>
      </div>
    </figure>
  );
}
