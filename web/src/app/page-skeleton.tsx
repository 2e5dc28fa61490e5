import { useTranslation } from "react-i18next";
import { Skeleton } from "../components/ui/skeleton.tsx";

/** While a route's code or the session loads: the page's rough shape, and a status for screen readers. */
export function PageSkeleton() {
  const { t } = useTranslation();
  return (
    <div className="mx-auto grid w-full max-w-md gap-4">
      <p role="status" className="sr-only">
        {t("app.loading")}
      </p>
      <Skeleton className="h-8 w-2/3" />
      <Skeleton className="h-4 w-full" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-full" />
      <Skeleton className="h-10 w-1/2" />
    </div>
  );
}

/** The skeleton on its own, before any layout exists (first load of the app). */
export function FullPageSkeleton() {
  return (
    <main className="p-6 pt-24">
      <PageSkeleton />
    </main>
  );
}
