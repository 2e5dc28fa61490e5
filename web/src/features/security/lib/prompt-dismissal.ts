const STORAGE_KEY = "flexoffice.mfa-prompt-dismissed";

/**
 * "Remind me later" hides the 2FA reminder for this session only: the policy asks again at
 * every sign-in (docs/two-factor.md), and a new sign-in is a new session id.
 */
export function isPromptDismissed(sessionId: string | null): boolean {
  if (!sessionId) return false;
  try {
    return window.localStorage.getItem(STORAGE_KEY) === sessionId;
  } catch {
    return false;
  }
}

export function dismissPrompt(sessionId: string | null): void {
  if (!sessionId) return;
  try {
    window.localStorage.setItem(STORAGE_KEY, sessionId);
  } catch {
    // Storage may be unavailable (private mode); the reminder then just comes back on reload.
  }
}
