export * from "./flow.schema.ts";
