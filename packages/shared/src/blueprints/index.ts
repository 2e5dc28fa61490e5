// Field types and field definitions of blueprints (docs/entities.md).
export * from "./field-properties.ts";
export * from "./field-types.ts";
export * from "./field-values.ts";
