/** Query keys for the signed-in user's own data; scoped by user id so two users never share a cache entry. */
export const accountKeys = {
  all: ["account"] as const,
  user: (userId: string) => [...accountKeys.all, "user", userId] as const,
};
