import { type ReactNode, useCallback, useEffect, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { useBlocker } from "react-router";
import { Button } from "../../../../components/ui/button.tsx";
import { Dialog, DialogContent, DialogDescription, DialogTitle } from "../../../../components/ui/dialog.tsx";

export type UnsavedChangesGuard = {
  /** Lets the next navigation through (after a save, the form's edits are no longer at risk). */
  allowNavigation: () => void;
  /** Asks before discarding edits in place (Cancel); runs `discard` right away when nothing changed. */
  confirmDiscard: (discard: () => void) => void;
  dialog: ReactNode;
};

/**
 * Keeps a person from losing what they typed: leaving the page in the app asks first, and
 * closing or reloading the tab gets the browser's own warning.
 */
export function useUnsavedChangesGuard(dirty: boolean): UnsavedChangesGuard {
  const { t } = useTranslation("entities");
  const dirtyRef = useRef(dirty);
  dirtyRef.current = dirty;
  const allowed = useRef(false);
  const [manual, setManual] = useState<(() => void) | null>(null);
  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) =>
      dirtyRef.current && !allowed.current && currentLocation.pathname !== nextLocation.pathname,
  );

  useEffect(() => {
    if (!dirty) return;
    const warn = (event: BeforeUnloadEvent) => event.preventDefault();
    window.addEventListener("beforeunload", warn);
    return () => window.removeEventListener("beforeunload", warn);
  }, [dirty]);

  const allowNavigation = useCallback(() => {
    allowed.current = true;
  }, []);
  const confirmDiscard = useCallback((discard: () => void) => {
    if (dirtyRef.current) setManual(() => discard);
    else discard();
  }, []);

  const open = blocker.state === "blocked" || manual !== null;
  const stay = () => {
    if (blocker.state === "blocked") blocker.reset();
    setManual(null);
  };
  const leave = () => {
    if (blocker.state === "blocked") {
      allowed.current = true;
      blocker.proceed();
    }
    manual?.();
    setManual(null);
  };

  const dialog = (
    <Dialog open={open} onOpenChange={(next) => (next ? undefined : stay())}>
      <DialogContent role="alertdialog">
        <DialogTitle>{t("form.unsaved.title")}</DialogTitle>
        <DialogDescription>{t("form.unsaved.body")}</DialogDescription>
        <div className="flex flex-wrap justify-end gap-3">
          <Button variant="outline" onClick={stay} autoFocus>
            {t("form.unsaved.stay")}
          </Button>
          <Button variant="destructive" onClick={leave}>
            {t("form.unsaved.leave")}
          </Button>
        </div>
      </DialogContent>
    </Dialog>
  );
  return { allowNavigation, confirmDiscard, dialog };
}
