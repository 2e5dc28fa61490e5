import { useTranslation } from "react-i18next";
import type { RoleLike } from "../lib/role-rules.ts";

type Named = RoleLike & { name: string; description?: string };

const BUILTIN = ["admin", "editor", "viewer"] as const;
type BuiltinKey = (typeof BUILTIN)[number];

function builtinKey(role: Pick<RoleLike, "key" | "builtin">): BuiltinKey | null {
  return role.builtin && (BUILTIN as readonly string[]).includes(role.key) ? (role.key as BuiltinKey) : null;
}

/** Role names and descriptions in the reader's language: built-in ones from the catalogue, custom ones as named. */
export function useRoleText() {
  const { t } = useTranslation("members");
  return {
    name: (role: Named) => {
      const key = builtinKey(role);
      return key ? t(`builtin.${key}.name`) : role.name;
    },
    description: (role: Named) => {
      const key = builtinKey(role);
      return key ? t(`builtin.${key}.description`) : (role.description ?? "");
    },
  };
}
