import { adminDe } from "../features/admin/locales/de.ts";
import { adminEn } from "../features/admin/locales/en.ts";
import { auditDe } from "../features/audit/locales/de.ts";
import { auditEn } from "../features/audit/locales/en.ts";
import { blueprintsDe } from "../features/blueprints/locales/de.ts";
import { blueprintsEn } from "../features/blueprints/locales/en.ts";
import { entitiesDe } from "../features/entities/locales/de.ts";
import { entitiesEn } from "../features/entities/locales/en.ts";
import { flowsDe } from "../features/flows/locales/de.ts";
import { flowsEn } from "../features/flows/locales/en.ts";
import { membersDe } from "../features/members/locales/de.ts";
import { membersEn } from "../features/members/locales/en.ts";
import { securityDe } from "../features/security/locales/de.ts";
import { securityEn } from "../features/security/locales/en.ts";
import { tenantsDe } from "../features/tenants/locales/de.ts";
import { tenantsEn } from "../features/tenants/locales/en.ts";
import { trashDe } from "../features/trash/locales/de.ts";
import { trashEn } from "../features/trash/locales/en.ts";
import { de } from "./de.ts";
import { en } from "./en.ts";

/**
 * Every catalogue, per language and namespace. `translation` holds what the whole app shares
 * (shell, auth, API errors); each feature owns a namespace in features/<feature>/locales.
 */
export const resources = {
  en: {
    translation: en,
    tenants: tenantsEn,
    members: membersEn,
    blueprints: blueprintsEn,
    entities: entitiesEn,
    flows: flowsEn,
    trash: trashEn,
    audit: auditEn,
    admin: adminEn,
    security: securityEn,
  },
  de: {
    translation: de,
    tenants: tenantsDe,
    members: membersDe,
    blueprints: blueprintsDe,
    entities: entitiesDe,
    flows: flowsDe,
    trash: trashDe,
    audit: auditDe,
    admin: adminDe,
    security: securityDe,
  },
} as const;
