const KEY = "flexoffice.pendingSignupEmail";

/**
 * The address waiting for confirmation, kept for this tab only so "check your inbox" still
 * knows it after a reload, and forgotten when the tab closes.
 */
export function rememberPendingEmail(email: string): void {
  try {
    sessionStorage.setItem(KEY, email);
  } catch {
    // Private mode: the screen falls back to asking the user to sign up again.
  }
}

export function readPendingEmail(): string | null {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
}
