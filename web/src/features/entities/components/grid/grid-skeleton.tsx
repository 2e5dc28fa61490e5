import { useTranslation } from "react-i18next";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";

/** The grid's shape while its first page (or the page's blueprint) loads, with a status for screen readers. */
export function GridSkeleton({ withHeader = false }: { withHeader?: boolean }) {
  const { t } = useTranslation("entities");
  return (
    <div role="status" className="grid gap-4">
      <span className="sr-only">{t("grid.page.loading")}</span>
      {withHeader ? (
        <div className="grid gap-2">
          <Skeleton className="h-8 w-64" />
          <Skeleton className="h-4 w-40" />
          <div className="mt-4 flex gap-2">
            <Skeleton className="h-8 w-40" />
            <Skeleton className="h-8 w-56" />
            <Skeleton className="h-8 w-24" />
            <Skeleton className="h-8 w-24" />
          </div>
        </div>
      ) : null}
      <div className="overflow-hidden rounded-lg border">
        <Skeleton className="h-11 rounded-none" />
        {Array.from({ length: 10 }, (_, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
          <div key={i} className="flex gap-4 border-t px-3 py-3">
            <Skeleton className="h-4 w-6" />
            <Skeleton className="h-4 w-48" />
            <Skeleton className="h-4 w-32" />
            <Skeleton className="h-4 w-40" />
          </div>
        ))}
      </div>
    </div>
  );
}
