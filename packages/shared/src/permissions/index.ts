// Permissions (docs/permissions.md): grants, their validation, variables and the reference evaluator.
export * from "./evaluate-permissions.ts";
export * from "./grant.schema.ts";
export * from "./presets.ts";
export * from "./resolve-variables.ts";
export * from "./validate-grants.ts";
