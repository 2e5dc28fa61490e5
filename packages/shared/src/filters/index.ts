// The filter language: schema, operators, validation against a blueprint, reference evaluator.
export * from "./compare-values.ts";
export * from "./evaluate-filter.ts";
export * from "./field-path.ts";
export * from "./filter.schema.ts";
export * from "./filter-values.ts";
export * from "./filter-variables.ts";
export * from "./operators.ts";
export * from "./validate-filter.ts";
