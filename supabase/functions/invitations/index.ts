import { createHandler } from "./handler.ts";
import { liveDeps } from "./live-deps.ts";

Deno.serve(createHandler(liveDeps()));
