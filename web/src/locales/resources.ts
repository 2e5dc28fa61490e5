import type { adminEn } from "../features/admin/locales/en.ts";
import type { auditEn } from "../features/audit/locales/en.ts";
import type { blueprintsEn } from "../features/blueprints/locales/en.ts";
import type { entitiesEn } from "../features/entities/locales/en.ts";
import type { flowsEn } from "../features/flows/locales/en.ts";
import type { membersEn } from "../features/members/locales/en.ts";
import type { securityEn } from "../features/security/locales/en.ts";
import type { tenantsEn } from "../features/tenants/locales/en.ts";
import type { trashEn } from "../features/trash/locales/en.ts";
import type { Language } from "../lib/language.ts";
import type { en } from "./en.ts";

/**
 * The shape of every catalogue, per namespace (English is the reference). `translation` holds
 * what the whole app shares (shell, auth, API errors); each feature owns a namespace in
 * features/<feature>/locales.
 */
export type Resources = {
  translation: typeof en;
  tenants: typeof tenantsEn;
  members: typeof membersEn;
  blueprints: typeof blueprintsEn;
  entities: typeof entitiesEn;
  flows: typeof flowsEn;
  trash: typeof trashEn;
  audit: typeof auditEn;
  admin: typeof adminEn;
  security: typeof securityEn;
};
export type Namespace = keyof Resources;

type Loader = () => Promise<object>;

/**
 * Catalogues load on demand, one chunk per language and namespace: a page downloads the texts
 * of its own feature in the reader's language only, never every feature in every language.
 */
const LOADERS: Record<Language, Record<Namespace, Loader>> = {
  en: {
    translation: () => import("./en.ts").then((m) => m.en),
    tenants: () => import("../features/tenants/locales/en.ts").then((m) => m.tenantsEn),
    members: () => import("../features/members/locales/en.ts").then((m) => m.membersEn),
    blueprints: () => import("../features/blueprints/locales/en.ts").then((m) => m.blueprintsEn),
    entities: () => import("../features/entities/locales/en.ts").then((m) => m.entitiesEn),
    flows: () => import("../features/flows/locales/en.ts").then((m) => m.flowsEn),
    trash: () => import("../features/trash/locales/en.ts").then((m) => m.trashEn),
    audit: () => import("../features/audit/locales/en.ts").then((m) => m.auditEn),
    admin: () => import("../features/admin/locales/en.ts").then((m) => m.adminEn),
    security: () => import("../features/security/locales/en.ts").then((m) => m.securityEn),
  },
  de: {
    translation: () => import("./de.ts").then((m) => m.de),
    tenants: () => import("../features/tenants/locales/de.ts").then((m) => m.tenantsDe),
    members: () => import("../features/members/locales/de.ts").then((m) => m.membersDe),
    blueprints: () => import("../features/blueprints/locales/de.ts").then((m) => m.blueprintsDe),
    entities: () => import("../features/entities/locales/de.ts").then((m) => m.entitiesDe),
    flows: () => import("../features/flows/locales/de.ts").then((m) => m.flowsDe),
    trash: () => import("../features/trash/locales/de.ts").then((m) => m.trashDe),
    audit: () => import("../features/audit/locales/de.ts").then((m) => m.auditDe),
    admin: () => import("../features/admin/locales/de.ts").then((m) => m.adminDe),
    security: () => import("../features/security/locales/de.ts").then((m) => m.securityDe),
  },
};

/** The catalogue of one namespace in one language; unknown pairs fail, so i18next reports them. */
export function loadCatalogue(language: string, namespace: string): Promise<object> {
  const byNamespace = LOADERS[language as Language] as Record<string, Loader> | undefined;
  const load = byNamespace?.[namespace];
  if (!load) return Promise.reject(new Error(`no catalogue for ${language}/${namespace}`));
  return load();
}
