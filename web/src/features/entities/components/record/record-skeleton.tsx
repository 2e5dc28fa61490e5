import { useTranslation } from "react-i18next";
import { Skeleton } from "../../../../components/ui/skeleton.tsx";

/** The shape of a record page or form while it loads, with a status for screen readers. */
export function RecordSkeleton({ label, rows = 6 }: { label: string; rows?: number }) {
  return (
    <div className="grid gap-6">
      <p role="status" className="sr-only">
        {label}
      </p>
      <div className="grid gap-2">
        <Skeleton className="h-4 w-32" />
        <Skeleton className="h-8 w-64" />
      </div>
      <div className="grid gap-5 rounded-xl border p-6">
        {Array.from({ length: rows }, (_, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity
          <div key={index} className="grid gap-2">
            <Skeleton className="h-4 w-24" />
            <Skeleton className="h-10 w-full" />
          </div>
        ))}
      </div>
    </div>
  );
}

/** Loading text for the record pages ("Loading the record…"). */
export function useLoadingText(): (what: "record" | "form" | "board") => string {
  const { t } = useTranslation("entities");
  return (what) => t(`record.loading.${what}`);
}
