import { Suspense } from "react";
import { Outlet } from "react-router";
import { PageSkeleton } from "../page-skeleton.tsx";

/** A layout's page slot: while the page's own texts load, the frame stays and the page shows its skeleton. */
export function PageOutlet() {
  return (
    <Suspense fallback={<PageSkeleton />}>
      <Outlet />
    </Suspense>
  );
}
