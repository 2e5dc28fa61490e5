/**
 * Query keys of the security feature. 2FA answers belong to a session, so they are keyed by
 * the session id as well as the user: a new sign-in never reuses the last session's state.
 */
export const securityKeys = {
  all: ["security"] as const,
  requirement: (userId: string, sessionId: string) => [...securityKeys.all, "requirement", userId, sessionId] as const,
  status: (userId: string, sessionId: string) => [...securityKeys.all, "status", userId, sessionId] as const,
  identities: (userId: string) => [...securityKeys.all, "identities", userId] as const,
  deletionPreview: (userId: string, sessionId: string) => [...securityKeys.all, "deletion-preview", userId, sessionId] as const,
};
