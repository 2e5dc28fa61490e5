import { useParams } from "react-router";
import { useSession } from "../../../auth/hooks/session.tsx";
import { useTenant } from "../../../tenants/hooks/current-tenant.tsx";
import { useAccessQuery } from "../../api/access-query.ts";
import { useBlueprintQuery } from "../../api/blueprint-query.ts";

/**
 * What every records page starts from: the workspace, the signed-in member, the blueprint
 * named in the address (/t/:slug/records/:blueprintKey/...) and what the member may do with
 * its entities. With an entity id, the access answer also says what they may do with it.
 */
export function useRecordsScope(entityId?: string) {
  const { blueprintKey = "" } = useParams();
  const tenant = useTenant();
  const session = useSession();
  const userId = session.session?.user.id ?? "";
  const blueprint = useBlueprintQuery(tenant.tenant.slug, blueprintKey);
  const access = useAccessQuery(tenant.tenant.id, userId, blueprint.data?.blueprint.id, entityId);
  return {
    tenant,
    userId,
    blueprintKey,
    blueprint,
    access,
    /** The grid of this blueprint, where every records page leads back to. */
    gridPath: tenant.path(`records/${blueprintKey}`),
    recordPath: (id: string) => tenant.path(`records/${blueprintKey}/${id}`),
    boardPath: tenant.path(`records/${blueprintKey}/board`),
    newPath: tenant.path(`records/${blueprintKey}/new`),
  };
}
