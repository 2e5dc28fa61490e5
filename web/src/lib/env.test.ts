import { expect, test } from "vitest";
import { readPublicEnv } from "./env.ts";

const key = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.anon";

test.each([
  { name: "both set", env: { VITE_SUPABASE_URL: "http://127.0.0.1:54321", VITE_SUPABASE_ANON_KEY: key }, missing: [] },
  { name: "nothing set", env: {}, missing: ["VITE_SUPABASE_URL", "VITE_SUPABASE_ANON_KEY"] },
  { name: "URL not a URL", env: { VITE_SUPABASE_URL: "localhost", VITE_SUPABASE_ANON_KEY: key }, missing: ["VITE_SUPABASE_URL"] },
  { name: "non-HTTP URL", env: { VITE_SUPABASE_URL: "ftp://x", VITE_SUPABASE_ANON_KEY: key }, missing: ["VITE_SUPABASE_URL"] },
  {
    name: "key too short",
    env: { VITE_SUPABASE_URL: "https://x.supabase.co", VITE_SUPABASE_ANON_KEY: "x" },
    missing: ["VITE_SUPABASE_ANON_KEY"],
  },
])("$name", ({ env, missing }) => {
  const result = readPublicEnv(env);
  expect("missing" in result ? result.missing : []).toEqual(missing);
});
