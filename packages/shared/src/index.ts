// Types and validation shared by the web app and edge functions. Feature schemas
// (<thing>.schema.ts), the filter DSL and generated database types are added here.
export * from "./database.types.ts";
