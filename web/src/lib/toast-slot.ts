import { useSyncExternalStore } from "react";

/**
 * Toasts are mounted on demand: the first toast asks for the toaster (and its library) to be
 * loaded, waits until it is on screen, then shows. Keeps the toast library out of every page's
 * first load while never losing a toast fired before the toaster exists.
 */
let wanted = false;
let mounted = false;
const listeners = new Set<() => void>();
const pending: (() => void)[] = [];

/** Runs `show` once the toaster is mounted (at once when it is). */
export function whenToasterReady(show: () => void): void {
  if (mounted) {
    show();
    return;
  }
  pending.push(show);
  if (!wanted) {
    wanted = true;
    for (const listener of listeners) listener();
  }
}

/** Called by the toaster after it subscribed to toasts: shows what waited for it. */
export function toasterMounted(): void {
  mounted = true;
  for (const show of pending.splice(0)) show();
}

/** Whether some code asked for a toast yet (the app mounts the toaster from then on). */
export function useToasterWanted(): boolean {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => wanted,
  );
}
