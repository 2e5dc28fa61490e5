/**
 * Route table of the gateway, mirroring the Supabase CLI's Kong configuration:
 * which upstream serves a path prefix, whether an API key is required, and
 * whether a missing Authorization header is filled from the API key.
 */
export type Upstream = "auth" | "rest" | "realtime" | "functions";

export type Route = {
  prefix: string;
  upstream: Upstream;
  keyAuth: boolean;
  /** Kong's request-transformer: `Authorization: Bearer <apikey>` when the caller sent none. */
  bearerFromApiKey: boolean;
  /** Kong's key-auth `hide_credentials`: the `apikey` header and query parameter are not passed on. */
  hideCredentials: boolean;
};

/** First match wins; open auth routes are the ones a browser reaches by redirect, without headers. */
export const ROUTES: Route[] = [
  { prefix: "/auth/v1/verify", upstream: "auth", keyAuth: false, bearerFromApiKey: false, hideCredentials: true },
  { prefix: "/auth/v1/callback", upstream: "auth", keyAuth: false, bearerFromApiKey: false, hideCredentials: true },
  { prefix: "/auth/v1/authorize", upstream: "auth", keyAuth: false, bearerFromApiKey: false, hideCredentials: true },
  { prefix: "/auth/v1/fake-oidc", upstream: "auth", keyAuth: false, bearerFromApiKey: false, hideCredentials: true },
  { prefix: "/auth/v1", upstream: "auth", keyAuth: true, bearerFromApiKey: false, hideCredentials: true },
  { prefix: "/rest/v1", upstream: "rest", keyAuth: true, bearerFromApiKey: true, hideCredentials: true },
  { prefix: "/realtime/v1", upstream: "realtime", keyAuth: true, bearerFromApiKey: true, hideCredentials: false },
  { prefix: "/functions/v1", upstream: "functions", keyAuth: false, bearerFromApiKey: false, hideCredentials: false },
];

export function matchRoute(pathname: string): Route | undefined {
  return ROUTES.find((r) => pathname === r.prefix || pathname.startsWith(`${r.prefix}/`));
}

/** The path the upstream sees: the route's service prefix (`/auth/v1`, ...) removed, hidden credentials dropped. */
export function upstreamPath(route: Route, pathAndQuery: string): string {
  const servicePrefix = route.prefix.split("/").slice(0, 3).join("/");
  const rest = pathAndQuery.slice(servicePrefix.length);
  const path = rest.startsWith("/") ? rest : `/${rest}`;
  if (!route.hideCredentials || !path.includes("apikey=")) return path;
  const [pathname, query = ""] = path.split("?", 2) as [string, string?];
  const kept = query.split("&").filter((pair) => pair.split("=", 1)[0] !== "apikey");
  return kept.length ? `${pathname}?${kept.join("&")}` : pathname;
}

/** Bodies hosted Supabase answers for key problems (no stack traces, stable messages). */
export const KEY_ERRORS = {
  missing: { message: "No API key found in request", hint: "No `apikey` request header or url param was found." },
  invalid: { message: "Invalid API key", hint: "Double check your Supabase `anon` or `service_role` API key." },
  noRoute: { message: "no Route matched with those values" },
  badGateway: { message: "An invalid response was received from the upstream server" },
} as const;
