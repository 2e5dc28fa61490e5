import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { ControlledConfirm } from "./confirm-dialog.tsx";

/**
 * Warns before unsaved changes are lost: leaving for another page of the app asks first,
 * closing or reloading the tab gets the browser's own warning.
 */
export function LeaveGuard({ dirty }: { dirty: boolean }) {
  const { t } = useTranslation("flows");
  const blocker = useBlocker(({ currentLocation, nextLocation }) => dirty && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => {
      event.preventDefault();
    };
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  return (
    <ControlledConfirm
      open={blocker.state === "blocked"}
      onOpenChange={(open) => {
        if (!open && blocker.state === "blocked") blocker.reset();
      }}
      title={t("designer.leaveTitle")}
      confirmLabel={t("designer.leave")}
      cancelLabel={t("designer.stay")}
      onConfirm={() => {
        if (blocker.state === "blocked") blocker.proceed();
      }}
    >
      <p>{t("designer.leaveBody")}</p>
    </ControlledConfirm>
  );
}
