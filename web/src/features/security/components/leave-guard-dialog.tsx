import { AlertDialog } from "radix-ui";
import { useEffect } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { Button } from "../../../components/ui/button.tsx";

const overlayClass = "fixed inset-0 z-40 bg-black/50";
const contentClass =
  "fixed left-1/2 top-1/2 z-50 grid w-[calc(100%-2rem)] max-w-md -translate-x-1/2 -translate-y-1/2 gap-4 rounded-xl border bg-popover p-6 text-popover-foreground shadow-lg focus:outline-none";

/**
 * While `active`, leaving the page (a link, back, closing the tab) asks first: recovery codes
 * are shown once, and leaving without them is how people lock themselves out.
 */
export function LeaveGuardDialog({ active }: { active: boolean }) {
  const { t } = useTranslation("security");
  const blocker = useBlocker(({ currentLocation, nextLocation }) => active && currentLocation.pathname !== nextLocation.pathname);

  useEffect(() => {
    if (!active) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [active]);

  return (
    <AlertDialog.Root open={blocker.state === "blocked"} onOpenChange={(open) => (!open ? blocker.reset?.() : undefined)}>
      <AlertDialog.Portal>
        <AlertDialog.Overlay className={overlayClass} />
        <AlertDialog.Content className={contentClass}>
          <AlertDialog.Title className="text-lg font-semibold">{t("setup.leaveTitle")}</AlertDialog.Title>
          <AlertDialog.Description className="text-sm text-muted-foreground">{t("setup.leaveBody")}</AlertDialog.Description>
          <div className="flex flex-wrap justify-end gap-3">
            <AlertDialog.Cancel asChild>
              <Button variant="outline">{t("setup.stay")}</Button>
            </AlertDialog.Cancel>
            <AlertDialog.Action asChild>
              <Button variant="destructive" onClick={() => blocker.proceed?.()}>
                {t("setup.leave")}
              </Button>
            </AlertDialog.Action>
          </div>
        </AlertDialog.Content>
      </AlertDialog.Portal>
    </AlertDialog.Root>
  );
}
