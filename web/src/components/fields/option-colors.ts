/**
 * The colours an option of a select or status field may carry (`"color": "green"`). Shown
 * as a small dot next to the option's label, never as the only sign of meaning, so the
 * same shades work on light and dark backgrounds.
 */
export const OPTION_COLORS = ["gray", "red", "orange", "yellow", "green", "teal", "blue", "indigo", "purple", "pink"] as const;
export type OptionColor = (typeof OPTION_COLORS)[number];

const DOT_CLASSES: Record<OptionColor, string> = {
  gray: "bg-gray-400",
  red: "bg-red-500",
  orange: "bg-orange-500",
  yellow: "bg-yellow-400",
  green: "bg-green-500",
  teal: "bg-teal-500",
  blue: "bg-blue-500",
  indigo: "bg-indigo-500",
  purple: "bg-purple-500",
  pink: "bg-pink-500",
};

export function isOptionColor(value: unknown): value is OptionColor {
  return typeof value === "string" && (OPTION_COLORS as readonly string[]).includes(value);
}

/** The dot's background class; a colour this app does not know (another client may store any name) shows gray. */
export function optionDotClass(color: string | undefined): string {
  return isOptionColor(color) ? DOT_CLASSES[color] : DOT_CLASSES.gray;
}
