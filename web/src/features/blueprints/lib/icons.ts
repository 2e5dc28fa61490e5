import type { FieldType } from "@flexoffice/shared";
import {
  AlignLeft,
  Binary,
  Box,
  Braces,
  Briefcase,
  Building,
  Calendar,
  CalendarClock,
  CalendarDays,
  CircleDot,
  ClipboardList,
  Coins,
  FileText,
  Folder,
  Hash,
  Link,
  Link2,
  ListChecks,
  type LucideIcon,
  Mail,
  Package,
  Phone,
  Receipt,
  ShoppingCart,
  Star,
  Tag,
  Ticket,
  ToggleLeft,
  Truck,
  Type,
  User,
  UserRound,
  Users,
  Warehouse,
  Workflow,
  Wrench,
} from "lucide-react";

/** The icons a blueprint can carry (stored by name, e.g. "truck"), in the picker's order. */
export const BLUEPRINT_ICONS = {
  box: Box,
  truck: Truck,
  package: Package,
  warehouse: Warehouse,
  "shopping-cart": ShoppingCart,
  receipt: Receipt,
  users: Users,
  user: User,
  building: Building,
  briefcase: Briefcase,
  "file-text": FileText,
  "clipboard-list": ClipboardList,
  calendar: Calendar,
  ticket: Ticket,
  wrench: Wrench,
  tag: Tag,
  folder: Folder,
  star: Star,
} satisfies Record<string, LucideIcon>;

export type BlueprintIconName = keyof typeof BLUEPRINT_ICONS;

/** The icon for a stored name; a name this app does not know (templates, other clients) shows the plain box. */
export function blueprintIcon(name: string | null | undefined): LucideIcon {
  return name && name in BLUEPRINT_ICONS ? BLUEPRINT_ICONS[name as BlueprintIconName] : Box;
}

export const FIELD_TYPE_ICONS: Record<FieldType, LucideIcon> = {
  text: Type,
  long_text: AlignLeft,
  number: Hash,
  integer: Binary,
  boolean: ToggleLeft,
  date: CalendarDays,
  datetime: CalendarClock,
  single_select: CircleDot,
  multi_select: ListChecks,
  email: Mail,
  url: Link,
  phone: Phone,
  currency: Coins,
  reference: Link2,
  member: UserRound,
  json: Braces,
  status: Workflow,
};
