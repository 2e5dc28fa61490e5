import type { UseQueryResult } from "@tanstack/react-query";
import { ArrowLeft } from "lucide-react";
import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { ApiError } from "../../../lib/api-error.ts";
import { ListSkeleton, LoadError } from "./list-controls.tsx";

/**
 * The frame of one platform record (/admin/tenants/:id, /admin/users/:id): the link back to
 * its directory, and its loading, not-found and failure states; `children` once it is loaded.
 */
export function RecordPage<T>({
  kind,
  query,
  name,
  children,
}: {
  kind: "tenant" | "user";
  query: UseQueryResult<T>;
  /** What the page's title calls the loaded record. */
  name: (record: T) => string;
  children: (record: T) => ReactNode;
}) {
  const { t } = useTranslation("admin");
  const { t: tc } = useTranslation();
  const title = (what: string) => `${what} · ${t("platform")} · ${tc("app.name")}`;
  const back = (
    <Link
      to={`/admin/${kind}s`}
      className="inline-flex items-center gap-1 text-sm text-primary underline-offset-4 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <ArrowLeft aria-hidden="true" className="size-4" />
      {t(`${kind}.back`)}
    </Link>
  );

  if (query.isPending) {
    return (
      <div className="grid gap-6">
        <title>{title(t(`${kind}.loading`))}</title>
        {back}
        <h1 className="sr-only">{t(`${kind}.loading`)}</h1>
        <ListSkeleton rows={6} />
      </div>
    );
  }
  if (query.isError) {
    const missing = query.error instanceof ApiError && query.error.code === "FONF0";
    return (
      <div className="grid gap-6">
        <title>{title(t(`${kind}.notFound`))}</title>
        {back}
        <h1 className="text-2xl font-semibold">{missing ? t(`${kind}.notFound`) : t("loadFailed")}</h1>
        {missing ? null : <LoadError error={query.error} onRetry={() => void query.refetch()} />}
      </div>
    );
  }
  return (
    <div className="grid gap-6">
      <title>{title(name(query.data))}</title>
      {back}
      {children(query.data)}
    </div>
  );
}
