/**
 * A toast from code that is part of every page's first load (guards, the app shell), which must
 * not import the toast library statically. Pages that are loaded lazily anyway import `toast`
 * from components/ui/toaster.tsx directly.
 */
export function notify(kind: "message" | "success" | "error", text: string): void {
  void import("../components/ui/toaster.tsx").then(({ toast }) => {
    if (kind === "message") toast(text);
    else toast[kind](text);
  });
}
