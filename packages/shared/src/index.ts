// Types and validation shared by the web app and edge functions. Feature schemas
// (<thing>.schema.ts), the filter DSL and generated database types are added here.

export * from "./blueprints/index.ts";
export * from "./database.types.ts";
export * from "./filters/index.ts";
export * from "./flows/index.ts";
export * from "./permissions/index.ts";
export * from "./templates/index.ts";
