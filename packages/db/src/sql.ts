/** An SQL identifier in double quotes (PostgreSQL §4.1.1), for names that cannot be parameters. */
export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

/** A string constant (PostgreSQL §4.1.2.1); standard_conforming_strings is on in both engines. */
export function quoteLiteral(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

// Lower case only: an unquoted name in hand-written SQL folds to lower case, so a schema called
// "Bank" could never be named without quotes. 63 bytes is PostgreSQL's NAMEDATALEN - 1.
const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

export function assertValidSchemaName(schema: string): void {
  if (!SCHEMA_NAME.test(schema) || schema.startsWith('pg_')) {
    throw new RangeError(
      `schema must match ${SCHEMA_NAME} and not start with pg_, got ${JSON.stringify(schema)}`,
    );
  }
}
