// The one mapping between the store's rows (snake_case columns) and the API's
// records (camelCase fields): `seedKey` is read from `seed_key`. Typed from the
// record, so a field the record lacks, or a column of another type, does not
// compile.

type SnakeCase<S extends string> = S extends `${infer Head}${infer Tail}`
  ? `${Head extends Lowercase<Head> ? Head : `_${Lowercase<Head>}`}${SnakeCase<Tail>}`
  : S;

/** The row that stores the fields K of record type R. */
export type RowOf<R, K extends keyof R & string = keyof R & string> = { [F in K as SnakeCase<F>]: R[F] };

export function columnOf(field: string): string {
  return field.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * A function reading the fields K of R from a row. Only those fields are
 * copied: a row with more columns (a source's body) does not leak them.
 */
export function rowMapper<R>(): <K extends keyof R & string>(fields: readonly K[]) => (row: RowOf<R, K>) => Pick<R, K> {
  return (fields) => {
    const pairs = fields.map((field) => [field, columnOf(field)] as const);
    return (row) => {
      const source = row as Record<string, unknown>;
      const record: Record<string, unknown> = {};
      for (const [field, column] of pairs) record[field] = source[column];
      return record as Pick<R, (typeof fields)[number]>;
    };
  };
}
