/**
 * The recovery codes as a text file to keep: what they are for, one code per line. The codes
 * exist in plain text only in the answer that created them, so this file is the user's copy.
 */
export function recoveryCodesText(options: {
  codes: readonly string[];
  account: string;
  createdAt: Date;
  intro: string;
}): string {
  return [options.intro, `${options.account} · ${options.createdAt.toISOString().slice(0, 10)}`, "", ...options.codes, ""].join(
    "\n",
  );
}

/** `flexoffice-recovery-codes-2026-11-21.txt`: sorts by date next to older downloads. */
export function recoveryCodesFileName(createdAt: Date): string {
  return `flexoffice-recovery-codes-${createdAt.toISOString().slice(0, 10)}.txt`;
}

/** Saves `text` as a file through a temporary link (no server round trip: the codes never leave the browser). */
export function downloadText(fileName: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: "text/plain;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
