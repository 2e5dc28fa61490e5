import { z } from "zod";
import { LANGUAGES } from "../../../lib/language.ts";

/** Mirrors private.assert_tenant_field: the database checks the same rules and has the last word. */
export const SLUG_PATTERN = /^[a-z0-9](?:[a-z0-9]|-(?!-)){1,46}[a-z0-9]$/;

// Messages are keys of the "tenants" namespace's `validation` group.
export const CreateTenantSchema = z.object({
  name: z.string().trim().min(1, "nameRequired").max(100, "nameMax"),
  slug: z.string().trim().regex(SLUG_PATTERN, "slugFormat"),
  timezone: z.string().min(1, "timezoneRequired"),
  language: z.enum(LANGUAGES),
});
export type CreateTenant = z.infer<typeof CreateTenantSchema>;
