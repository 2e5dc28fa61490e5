/** Mirrors supabase/config.toml's minimum_password_length, so the form rejects what the server would. */
export const MIN_PASSWORD_LENGTH = 8;
/** bcrypt ignores bytes beyond 72, and GoTrue refuses longer passwords. */
export const MAX_PASSWORD_LENGTH = 72;
