import { type ComponentType, type LazyExoticComponent, type ReactNode, Suspense, useState } from "react";

/** What the loaded menu gets: open it at once (the approach was a click), focus its trigger (it was focus). */
export type LoadedMenuProps = { open: boolean; autoFocus: boolean };

/** The props the stand-in trigger needs to notice an approach; spread them on the real-looking button. */
export type ApproachProps = {
  "aria-haspopup": "menu";
  "aria-busy"?: boolean;
  onPointerEnter?: () => void;
  onPointerDown?: () => void;
  onFocus?: () => void;
  onClick?: () => void;
};

/**
 * A header menu whose code (the popover menu and its positioning, ~30 KB) loads when the pointer
 * or keyboard focus reaches its button instead of with the first page. Until then `button`
 * renders the same-looking trigger; a click before the code arrived opens the menu as soon as
 * it does, and keyboard focus moves to the real trigger.
 */
export function MenuOnApproach<P extends object>({
  button,
  menu: Menu,
  menuProps,
}: {
  button: (props: ApproachProps) => ReactNode;
  menu: LazyExoticComponent<ComponentType<P & LoadedMenuProps>>;
  /** What the loaded menu needs besides open/autoFocus (e.g. the user's email). */
  menuProps: P;
}) {
  const [approach, setApproach] = useState<"none" | "pointer" | "focus" | "click">("none");
  if (approach === "none") {
    return button({
      "aria-haspopup": "menu",
      onPointerEnter: () => setApproach("pointer"),
      // Pointer-down, as the real trigger opens on it: the press counts even if the real one replaces this button before release.
      onPointerDown: () => setApproach("click"),
      onFocus: () => setApproach("focus"),
      onClick: () => setApproach("click"),
    });
  }
  return (
    <Suspense
      fallback={button({
        "aria-haspopup": "menu",
        "aria-busy": true,
        onPointerDown: () => setApproach("click"),
        onClick: () => setApproach("click"),
      })}
    >
      <Menu {...menuProps} open={approach === "click"} autoFocus={approach === "focus" || approach === "click"} />
    </Suspense>
  );
}
