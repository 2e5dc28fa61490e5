import { z } from "zod";

/** Form schemas of the members feature; messages are keys of the namespace's validation groups. */

export const MAX_INVITES_AT_ONCE = 20;

/** Addresses as typed: separated by commas, semicolons, spaces or new lines; lowercased, without duplicates. */
export function splitEmails(text: string): string[] {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim().toLowerCase())
    .filter(Boolean);
  return [...new Set(parts)];
}

const EMAIL = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;

/** The first address that is not one, for the message. */
export function firstInvalidEmail(emails: readonly string[]): string | undefined {
  return emails.find((email) => email.length > 254 || !EMAIL.test(email));
}

export const InviteSchema = z.object({ emails: z.string(), roleIds: z.array(z.string()) }).superRefine((value, ctx) => {
  const emails = splitEmails(value.emails);
  if (emails.length === 0) ctx.addIssue({ code: "custom", path: ["emails"], message: "invite.validation.emailsRequired" });
  else if (emails.length > MAX_INVITES_AT_ONCE) {
    ctx.addIssue({ code: "custom", path: ["emails"], message: "invite.validation.tooMany" });
  } else if (firstInvalidEmail(emails)) {
    ctx.addIssue({ code: "custom", path: ["emails"], message: "invite.validation.emailInvalid" });
  }
  if (value.roleIds.length === 0) ctx.addIssue({ code: "custom", path: ["roleIds"], message: "invite.validation.rolesRequired" });
});
export type InviteForm = z.infer<typeof InviteSchema>;

export const RoleFormSchema = z.object({
  name: z.string().trim().min(1, "roleForm.validation.nameRequired").max(60, "roleForm.validation.nameMax"),
  description: z.string().max(500, "roleForm.validation.descriptionMax"),
  capabilities: z.array(z.string()),
});
export type RoleForm = z.infer<typeof RoleFormSchema>;
