/**
 * The database: SQLite (WAL) in ./data/ by default, created and migrated on first use, through
 * Kysely so the same queries can later run on PostgreSQL.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { retentionDays, scheduleRetention } from './retention.ts';

export interface PracticeAttemptTable {
	id: string;
	learner_id: string;
	module_slug: string;
	seed: number;
	created_at: string;
}

/** Append-only: an attempt is its log of events, in order. */
export interface AttemptEventTable {
	attempt_id: string;
	seq: number;
	event: string;
	created_at: string;
}

/** Token buckets for rate limits, keyed by `scope:key`; `updated_at` in ms since the epoch. */
export interface RateLimitTable {
	key: string;
	tokens: number;
	updated_at: number;
}

export interface Schema {
	practice_attempts: PracticeAttemptTable;
	attempt_events: AttemptEventTable;
	rate_limits: RateLimitTable;
}

export type Db = Kysely<Schema>;

const migrations: Record<string, Migration> = {
	'001-practice-attempts': {
		async up(db) {
			await db.schema
				.createTable('practice_attempts')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('learner_id', 'text', (c) => c.notNull())
				.addColumn('module_slug', 'text', (c) => c.notNull())
				.addColumn('seed', 'integer', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				.execute();
			await db.schema
				.createIndex('practice_attempts_by_learner')
				.on('practice_attempts')
				.columns(['learner_id', 'module_slug', 'created_at'])
				.execute();
			await db.schema
				.createTable('attempt_events')
				.addColumn('attempt_id', 'text', (c) => c.notNull().references('practice_attempts.id'))
				.addColumn('seq', 'integer', (c) => c.notNull())
				.addColumn('event', 'text', (c) => c.notNull())
				.addColumn('created_at', 'text', (c) => c.notNull())
				// Two tabs posting at once cannot both write the same step.
				.addPrimaryKeyConstraint('attempt_events_pk', ['attempt_id', 'seq'])
				.execute();
		}
	},
	'002-rate-limits-and-retention': {
		async up(db) {
			await db.schema
				.createTable('rate_limits')
				.addColumn('key', 'text', (c) => c.primaryKey())
				.addColumn('tokens', 'real', (c) => c.notNull())
				.addColumn('updated_at', 'bigint', (c) => c.notNull())
				.execute();
			// The retention job looks for attempts with no recent event.
			await db.schema
				.createIndex('attempt_events_by_time')
				.on('attempt_events')
				.columns(['created_at'])
				.execute();
			await db.schema
				.createIndex('practice_attempts_by_time')
				.on('practice_attempts')
				.columns(['created_at'])
				.execute();
		}
	}
};

const provider: MigrationProvider = { getMigrations: async () => migrations };

/** Opens (creating if needed) and migrates a SQLite database. `:memory:` works for tests. */
export async function openDatabase(file: string): Promise<Db> {
	if (file !== ':memory:') mkdirSync(dirname(resolve(file)), { recursive: true });
	const sqlite = new Database(file);
	sqlite.pragma('journal_mode = WAL');
	// FULL makes every acknowledged answer durable before the response, even on power loss.
	sqlite.pragma('synchronous = FULL');
	sqlite.pragma('foreign_keys = ON');
	reuseStatements(sqlite);
	const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
	const { error } = await new Migrator({ db, provider }).migrateToLatest();
	if (error) throw error;
	return db;
}

/**
 * Kysely's SQLite driver prepares every query afresh, and preparing cost more than running our
 * small queries. The same SQL text always compiles to the same statement, so keep the most recent
 * few hundred. Safe here: better-sqlite3 runs each statement to completion synchronously, and we
 * never stream rows (a statement mid-iteration could not be reused).
 */
function reuseStatements(sqlite: Database.Database): void {
	const prepare = sqlite.prepare.bind(sqlite);
	const statements = new Map<string, Database.Statement>();
	sqlite.prepare = ((source: string) => {
		let statement = statements.get(source);
		if (!statement) {
			statement = prepare(source);
			statements.set(source, statement);
			if (statements.size > 500) statements.delete(statements.keys().next().value!);
		}
		return statement;
	}) as typeof sqlite.prepare;
}

let shared: Promise<Db> | undefined;

/**
 * The app's database, opened on first use at DATABASE_PATH (default ./data/citewise.sqlite). The
 * retention job starts with it.
 */
export function database(): Promise<Db> {
	shared ??= openDatabase(process.env.DATABASE_PATH ?? 'data/citewise.sqlite').then((db) => {
		scheduleRetention(db, retentionDays(process.env.RETENTION_DAYS));
		return db;
	});
	return shared;
}
