/**
 * Schema migrations, shared by every SQL store.
 *
 * Each store applies the migrations it has not yet recorded in `schema_migrations`, in ascending
 * `version` order, each in its own transaction. Versions are append-only: never edit or renumber
 * a migration that has shipped; add a new one instead.
 *
 * `sql` is written to run on both SQLite and PostgreSQL. When a statement cannot, the migration
 * carries a `postgres` variant that the PostgreSQL store uses instead of `sql`.
 */
export interface Migration {
  version: number;
  name: string;
  /** One or more statements separated by `;`. */
  sql: string;
  /** PostgreSQL dialect of `sql`, when the portable text will not do. */
  postgres?: string;
}

/** Created before any migration runs, so it can record them. Portable as written. */
export const SCHEMA_MIGRATIONS_SQL = `
CREATE TABLE IF NOT EXISTS schema_migrations (
  version INTEGER PRIMARY KEY,
  name TEXT,
  applied_at TEXT
)`;

export const MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'create records',
    // `value` is JSON text rather than JSONB: it round-trips exactly what was written.
    sql: `
CREATE TABLE records (
  collection TEXT NOT NULL,
  scope TEXT NOT NULL,
  key TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (collection, scope, key)
)`,
    // SQLite compares TEXT bytewise (BINARY) by default; PostgreSQL would use the database's
    // locale collation. Keyset paging and prefix ranges need byte order, hence COLLATE "C".
    postgres: `
CREATE TABLE records (
  collection TEXT COLLATE "C" NOT NULL,
  scope TEXT COLLATE "C" NOT NULL,
  key TEXT COLLATE "C" NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (collection, scope, key)
)`,
  },
];
