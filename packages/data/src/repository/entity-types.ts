type IsColumnValue<V> = [V] extends [never]
  ? false
  : V extends Date | Uint8Array
    ? true
    : V extends object
      ? false
      : true;

/**
 * The properties of `T` usable in criteria, ordering and derived finders: those holding a
 * scalar (string, number, boolean, bigint, Date, bytes), not methods, relations or JSON objects.
 */
export type ColumnKeys<T> = {
  [K in keyof T]-?: K extends string
    ? T[K] extends (...args: never[]) => unknown
      ? never
      : IsColumnValue<NonNullable<T[K]>> extends true
        ? K
        : never
    : never;
}[keyof T];

/** The non-method properties of `T`, all optional: what `save` accepts. */
export type EntityInput<T> = {
  [K in keyof T as T[K] extends (...args: never[]) => unknown ? never : K]?: T[K];
};

/** Column values to set in a bulk `update(where, patch)`. */
export type EntityPatch<T> = {
  [K in ColumnKeys<T>]?: T[K];
};
