/**
 * What every benchmark does before it measures: talk JSON to the stack, make confirmed
 * users through the Auth admin API and sign them in, and report progress on stderr (the
 * figures go to stdout).
 */

export const log = (line: string) => process.stderr.write(`${line}\n`);
export const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(1)} s`;

/** A JSON request that must succeed; the error names the request and the answer. */
export async function http<T>(url: string, init: RequestInit): Promise<T> {
  const res = await fetch(url, init);
  const body = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? "GET"} ${url}: ${res.status} ${body}`);
  return JSON.parse(body) as T;
}

/** A confirmed user with this password, created by the Auth admin API. */
export async function createUser(api: string, serviceKey: string, email: string, password: string): Promise<void> {
  await http(`${api}/auth/v1/admin/users`, {
    method: "POST",
    headers: { "Content-Type": "application/json", apikey: serviceKey, Authorization: `Bearer ${serviceKey}` },
    body: JSON.stringify({ email, password, email_confirm: true }),
  });
}

/** A new session (as another device of the same person would have). */
export function signIn(api: string, anonKey: string, email: string, password: string) {
  return http<{ access_token: string; user: { id: string } }>(`${api}/auth/v1/token?grant_type=password`, {
    method: "POST",
    headers: { "Content-Type": "application/json", apikey: anonKey },
    body: JSON.stringify({ email, password }),
  });
}
