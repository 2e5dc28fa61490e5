export * from "./template.schema.ts";
