import { supabase } from "../../../lib/supabase.ts";
import { toFunctionError } from "../lib/function-error.ts";

/**
 * Calls one of our edge functions as the signed-in user (supabase-js sends the session
 * token) and returns its JSON, or throws a FunctionError with the stable code.
 */
export async function invokeFunction<T>(path: string, options: { method?: "GET" | "POST"; body?: object } = {}): Promise<T> {
  const { data, error } = await supabase.functions.invoke<T>(path, {
    method: options.method ?? "POST",
    ...(options.body ? { body: options.body } : {}),
  });
  if (error) throw await toFunctionError(error);
  return data as T;
}
