/**
 * The database: SQLite (WAL) in ./data/ by default, created and migrated on first use, through
 * Kysely so the same queries can later run on PostgreSQL.
 */
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type Generated } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import { retentionDays, scheduleRetention } from './retention.ts';

export interface PracticeAttemptTable {
	id: string;
	learner_id: string;
	module_slug: string;
	seed: number;
	created_at: string;
	/**
	 * 1, 2, 3… per learner and module: which attempt is the latest, even when two start in the same
	 * millisecond, without a database's own row order (SQLite's rowid has no PostgreSQL twin).
	 * Attempts from before this column have 0 and are ordered by time.
	 */
	attempt_number: Generated<number>;
	/**
	 * When the attempt came in from a progress file (null otherwise). Its events keep their own
	 * times, often old; an import counts as a touch, so retention does not delete it at once.
	 */
	imported_at: Generated<string | null>;
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

/**
 * Teachers, classes and assignments. Portable types only, so the same migrations and queries run on
 * SQLite and PostgreSQL: ids are random text, timestamps ISO-8601 UTC text (which sorts as time
 * does), booleans 0/1 integers.
 */
export interface TeacherTable {
	id: string;
	/** Trimmed and lower-cased; unique. */
	email: string;
	name: string;
	/** `scrypt$N$r$p$salt$hash`, see accounts.ts. */
	password_hash: string;
	created_at: string;
}

/** A signed-in teacher's session; the cookie holds the token, the table only its SHA-256. */
export interface SessionTable {
	token_hash: string;
	teacher_id: string;
	created_at: string;
	expires_at: string;
}

export interface ClassTable {
	id: string;
	teacher_id: string;
	name: string;
	created_at: string;
}

export interface AssignmentTable {
	id: string;
	class_id: string;
	module_slug: string;
	/** Join code, unique while the assignment exists. */
	code: string;
	/** JSON array of lesson ids, in the module's order. */
	lessons: string;
	mode: 'practice' | 'assessment';
	/** 0 for unlimited. */
	max_attempts: number;
	opens_at: string | null;
	due_at: string | null;
	time_limit_minutes: number | null;
	shuffle_questions: number;
	shuffle_choices: number;
	reveal: 'each-question' | 'after-submit' | 'after-due' | 'never';
	created_at: string;
	updated_at: string;
}

/** Someone who joined an assignment with its code and a display name; no account. */
export interface StudentTable {
	id: string;
	assignment_id: string;
	display_name: string;
	/**
	 * SHA-256 of the resume code: the student's only credential. Their browser keeps it in an
	 * httpOnly cookie; typed on another device, it continues the same attempt there.
	 */
	resume_hash: string;
	/** Retakes the teacher allowed beyond the assignment's attempts. */
	extra_attempts: number;
	joined_at: string;
}

/**
 * An attempt at an assignment. Its event log is the practice attempt of the same id (same table,
 * same append-only events), so one storage path serves both.
 */
export interface AssignmentAttemptTable {
	attempt_id: string;
	student_id: string;
	/** 1 for the first attempt. */
	number: number;
	started_at: string;
	/** When the time limit ends, fixed at start; null without a time limit. */
	limit_ends_at: string | null;
	submitted_at: string | null;
}

/**
 * A self-study learner's resume code, for continuing their practice on another device: only its
 * SHA-256, one code per learner (a new one replaces the old, which then stops working).
 */
export interface LearnerCodeTable {
	learner_id: string;
	code_hash: string;
	created_at: string;
}

/**
 * A review session (the review queue, issue 9): a practice attempt at the questions that were due
 * when it started. Its events are the attempt's, like any other; this row says it is a review and
 * which questions it asks (fixed for its life, since its log is replayed against them).
 */
export interface ReviewSessionTable {
	attempt_id: string;
	/** JSON array of question ids, in the module's order. */
	question_ids: string;
	created_at: string;
}

export interface Schema {
	practice_attempts: PracticeAttemptTable;
	attempt_events: AttemptEventTable;
	rate_limits: RateLimitTable;
	teachers: TeacherTable;
	sessions: SessionTable;
	classes: ClassTable;
	assignments: AssignmentTable;
	students: StudentTable;
	assignment_attempts: AssignmentAttemptTable;
	learner_codes: LearnerCodeTable;
	review_sessions: ReviewSessionTable;
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

migrations['003-teachers-classes-assignments'] = {
	async up(db) {
		await db.schema
			.createTable('teachers')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('email', 'text', (c) => c.notNull().unique())
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('password_hash', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createTable('sessions')
			.addColumn('token_hash', 'text', (c) => c.primaryKey())
			.addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.id'))
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('expires_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('sessions_by_teacher')
			.on('sessions')
			.columns(['teacher_id'])
			.execute();
		await db.schema
			.createTable('classes')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('teacher_id', 'text', (c) => c.notNull().references('teachers.id'))
			.addColumn('name', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('classes_by_teacher')
			.on('classes')
			.columns(['teacher_id', 'created_at'])
			.execute();
		await db.schema
			.createTable('assignments')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('class_id', 'text', (c) => c.notNull().references('classes.id'))
			.addColumn('module_slug', 'text', (c) => c.notNull())
			.addColumn('code', 'text', (c) => c.notNull().unique())
			.addColumn('lessons', 'text', (c) => c.notNull())
			.addColumn('mode', 'text', (c) => c.notNull())
			.addColumn('max_attempts', 'integer', (c) => c.notNull())
			.addColumn('opens_at', 'text')
			.addColumn('due_at', 'text')
			.addColumn('time_limit_minutes', 'integer')
			.addColumn('shuffle_questions', 'integer', (c) => c.notNull())
			.addColumn('shuffle_choices', 'integer', (c) => c.notNull())
			.addColumn('reveal', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.addColumn('updated_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('assignments_by_class')
			.on('assignments')
			.columns(['class_id', 'created_at'])
			.execute();
		await db.schema
			.createTable('students')
			.addColumn('id', 'text', (c) => c.primaryKey())
			.addColumn('assignment_id', 'text', (c) => c.notNull().references('assignments.id'))
			.addColumn('display_name', 'text', (c) => c.notNull())
			.addColumn('resume_hash', 'text', (c) => c.notNull().unique())
			.addColumn('extra_attempts', 'integer', (c) => c.notNull())
			.addColumn('joined_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema
			.createIndex('students_by_assignment')
			.on('students')
			.columns(['assignment_id', 'joined_at'])
			.execute();
		await db.schema
			.createTable('assignment_attempts')
			.addColumn('attempt_id', 'text', (c) => c.primaryKey().references('practice_attempts.id'))
			.addColumn('student_id', 'text', (c) => c.notNull().references('students.id'))
			.addColumn('number', 'integer', (c) => c.notNull())
			.addColumn('started_at', 'text', (c) => c.notNull())
			.addColumn('limit_ends_at', 'text')
			.addColumn('submitted_at', 'text')
			// A student's attempts are numbered once each, even with two tabs pressing Start.
			.addUniqueConstraint('assignment_attempts_number', ['student_id', 'number'])
			.execute();
	}
};

migrations['004-attempt-numbers'] = {
	async up(db) {
		await db.schema
			.alterTable('practice_attempts')
			.addColumn('attempt_number', 'integer', (c) => c.notNull().defaultTo(0))
			.execute();
		await db.schema
			.createIndex('practice_attempts_by_number')
			.on('practice_attempts')
			.columns(['learner_id', 'module_slug', 'attempt_number'])
			.execute();
	}
};

migrations['005-learner-codes-and-imports'] = {
	async up(db) {
		await db.schema
			.createTable('learner_codes')
			.addColumn('learner_id', 'text', (c) => c.primaryKey())
			.addColumn('code_hash', 'text', (c) => c.notNull().unique())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
		await db.schema.alterTable('practice_attempts').addColumn('imported_at', 'text').execute();
	}
};

migrations['006-review-sessions'] = {
	async up(db) {
		await db.schema
			.createTable('review_sessions')
			.addColumn('attempt_id', 'text', (c) => c.primaryKey().references('practice_attempts.id'))
			.addColumn('question_ids', 'text', (c) => c.notNull())
			.addColumn('created_at', 'text', (c) => c.notNull())
			.execute();
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
