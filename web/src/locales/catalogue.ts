/**
 * A translation of an English catalogue: the same keys, strings as values. Each language's
 * file is typed with it, so a missing or extra key fails the typecheck.
 */
export type Catalogue<T> = { [K in keyof T]: T[K] extends string ? string : Catalogue<T[K]> };
