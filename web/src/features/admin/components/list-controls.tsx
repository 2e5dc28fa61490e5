import { Search } from "lucide-react";
import { type FormEvent, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Input } from "../../../components/ui/input.tsx";
import { Label } from "../../../components/ui/label.tsx";
import { Skeleton } from "../../../components/ui/skeleton.tsx";
import { ApiError } from "../../../lib/api-error.ts";
import { useApiErrorText } from "../../../lib/api-error-text.ts";
import { neighbourPages, pageRange } from "../lib/paging.ts";

/** A search box that searches on submit, so every keystroke is not an audited admin call. */
export function ListSearch({
  id,
  label,
  value,
  onSearch,
}: {
  id: string;
  label: string;
  value: string;
  onSearch: (q: string) => void;
}) {
  const { t } = useTranslation("admin");
  const [draft, setDraft] = useState(value);
  useEffect(() => setDraft(value), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(draft.trim());
  };
  return (
    <search>
      <form className="flex flex-wrap items-end gap-3" onSubmit={submit}>
        <div className="grid min-w-64 flex-1 gap-1.5">
          <Label htmlFor={id}>{label}</Label>
          <div className="relative">
            <Search aria-hidden="true" className="pointer-events-none absolute left-3 top-3 size-4 text-muted-foreground" />
            <Input id={id} type="search" className="pl-9" value={draft} onChange={(event) => setDraft(event.target.value)} />
          </div>
        </div>
        <Button type="submit">{t("search")}</Button>
        {value ? (
          <Button variant="ghost" onClick={() => onSearch("")}>
            {t("clearSearch")}
          </Button>
        ) : null}
      </form>
    </search>
  );
}

/** "1–25 of 103" with the previous and next pages. */
export function Pager({
  offset,
  limit,
  shown,
  total,
  onPage,
}: {
  offset: number;
  limit: number;
  shown: number;
  total: number;
  onPage: (offset: number) => void;
}) {
  const { t } = useTranslation("admin");
  const range = pageRange(offset, shown, total);
  const pages = neighbourPages(offset, limit, total);
  return (
    <nav aria-label={t("pager.label")} className="flex flex-wrap items-center justify-between gap-3 text-sm">
      <p className="text-muted-foreground" aria-live="polite">
        {t("pager.range", range)}
      </p>
      <div className="flex gap-2">
        <Button size="sm" variant="outline" disabled={pages.previous === null} onClick={() => onPage(pages.previous ?? 0)}>
          {t("pager.previous")}
        </Button>
        <Button size="sm" variant="outline" disabled={pages.next === null} onClick={() => onPage(pages.next ?? 0)}>
          {t("pager.next")}
        </Button>
      </div>
    </nav>
  );
}

const ROW_KEYS = ["a", "b", "c", "d", "e", "f", "g", "h"];

/** Rows while a list loads, announced to screen readers. */
export function ListSkeleton({ rows = 5 }: { rows?: number }) {
  const { t } = useTranslation("admin");
  return (
    <div className="grid gap-2">
      <p role="status" className="sr-only">
        {t("loading")}
      </p>
      {ROW_KEYS.slice(0, rows).map((key) => (
        <Skeleton key={key} className="h-12 w-full" />
      ))}
    </div>
  );
}

/** A failed admin call: the human reason, and a way to try again. */
export function LoadError({ error, onRetry }: { error: unknown; onRetry: () => void }) {
  const { t } = useTranslation("admin");
  const errorText = useApiErrorText();
  const setup = error instanceof ApiError && error.rule === "setup_incomplete";
  return (
    <Alert tone="error" title={t("loadFailed")}>
      <p>{setup ? t("setupIncomplete") : errorText(error)}</p>
      <Button variant="link" onClick={setup ? () => window.location.reload() : onRetry}>
        {t("retry")}
      </Button>
    </Alert>
  );
}
