/** Query keys of tenant data; the user id scopes the membership list so two users never share it. */
export const tenantKeys = {
  all: ["tenants"] as const,
  mine: (userId: string) => [...tenantKeys.all, "mine", userId] as const,
  slugSuggestion: (name: string) => [...tenantKeys.all, "slug-suggestion", name] as const,
};
