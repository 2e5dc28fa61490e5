import { useSession } from "../../auth/hooks/session.tsx";
import { useTenant } from "../../tenants/hooks/current-tenant.tsx";
import type { Actor } from "../lib/role-rules.ts";

/** The signed-in member as the role rules see them (from the live membership the layout loaded). */
export function useActor(): Actor {
  const tenant = useTenant();
  const session = useSession();
  return { userId: session.session?.user.id ?? "", isAdmin: tenant.isAdmin, capabilities: tenant.capabilities };
}
