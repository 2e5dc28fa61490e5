import { type ClassValue, clsx } from "clsx";

/** One place to join conditional class names, so primitives accept a `className` override. */
export function cn(...values: ClassValue[]): string {
  return clsx(values);
}
