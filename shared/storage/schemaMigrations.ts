/**
 * The PostgreSQL schema, as numbered migrations applied in order and recorded in `med42_schema_migrations`
 * (see postgresDatabase.ts). Never edit a released migration: add the next number. The statements are plain
 * CREATE (no IF NOT EXISTS) on purpose: a migration that ran twice fails loudly instead of hiding a broken lock.
 * docs/audit.md documents the tables.
 */
export interface Migration {
    version: number;
    name: string;
    sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
    {
        version: 1,
        name: "audit log",
        sql: `
            CREATE TABLE audit (
                id bigserial PRIMARY KEY,
                time timestamptz NOT NULL,
                kind text NOT NULL CHECK (kind IN ('decision', 'feedback')),
                surface text NOT NULL,
                user_hash text,
                action text,
                category text,
                rules jsonb NOT NULL,
                latency_ms double precision NOT NULL,
                model text,
                stop_reason text,
                excerpt text,
                feedback text,
                ref text
            );
            CREATE INDEX audit_time ON audit (time);
            -- Per-database settings: the salt of the user-id hashes, shared by every replica.
            CREATE TABLE med42_settings (
                key text PRIMARY KEY,
                value text NOT NULL
            );`,
    },
    {
        version: 2,
        name: "shared Slack state",
        sql: `
            -- Deliveries and user messages already taken by a replica (event ids, channel:ts): the first INSERT wins.
            CREATE TABLE slack_claims (
                key text PRIMARY KEY,
                replica text NOT NULL,
                claimed_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX slack_claims_claimed_at ON slack_claims (claimed_at);
            -- Threads the bot answered in: a follow-up without a mention reaches any replica.
            CREATE TABLE slack_threads (
                key text PRIMARY KEY,
                last_answer_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX slack_threads_last_answer_at ON slack_threads (last_answer_at);`,
    },
    {
        version: 3,
        name: "Slack answers in flight",
        sql: `
            -- Answers being written, by which replica, for whom: a Stop clicked on any replica reaches the writer
            -- (NOTIFY med42_stop). Rows live only while the answer is written.
            CREATE TABLE slack_answers (
                answer_id text PRIMARY KEY,
                replica text NOT NULL,
                user_id text NOT NULL,
                started_at timestamptz NOT NULL DEFAULT now()
            );`,
    },
    {
        version: 4,
        name: "Slack admissions",
        sql: `
            -- Questions admitted by any replica: the per-user limit and the cap on answers at once count them all.
            -- finished_at is set when the answer ends; an unfinished row older than the lease counts no more (its
            -- replica died). Rows older than the window and the lease are deleted as the bot goes.
            CREATE TABLE slack_admissions (
                id bigserial PRIMARY KEY,
                user_id text NOT NULL,
                replica text NOT NULL,
                admitted_at timestamptz NOT NULL DEFAULT clock_timestamp(),
                finished_at timestamptz
            );
            CREATE INDEX slack_admissions_user ON slack_admissions (user_id, admitted_at);
            CREATE INDEX slack_admissions_active ON slack_admissions (admitted_at) WHERE finished_at IS NULL;`,
    },
    {
        version: 5,
        name: "Slack answer leases",
        sql: `
            -- Where an answer is written and the writer's heartbeat: when the heartbeat is older than the lease, the
            -- writer died, and another replica finishes its message as interrupted.
            ALTER TABLE slack_answers
                ADD COLUMN channel text,
                ADD COLUMN thread_ts text,
                ADD COLUMN surface text,
                ADD COLUMN threaded boolean NOT NULL DEFAULT false,
                ADD COLUMN control_ts text,
                ADD COLUMN heartbeat_at timestamptz NOT NULL DEFAULT now();
            CREATE INDEX slack_answers_heartbeat_at ON slack_answers (heartbeat_at);`,
    },
    {
        version: 6,
        name: "Slack answer streams",
        sql: `
            -- The message a natively streamed answer is being written in (chat.startStream): whoever finishes the
            -- answer of a lost replica closes that stream with the disclaimer. audited: the answer's audit row is
            -- written, so the finisher does not write a second one.
            ALTER TABLE slack_answers
                ADD COLUMN stream_ts text,
                ADD COLUMN audited boolean NOT NULL DEFAULT false;`,
    },
    {
        version: 7,
        name: "audit language and resources locale",
        sql: `
            -- Which language the policy detected in the message, and whose crisis and emergency resources the
            -- request's policy shows (an Arabic message given the UAE's numbers: language 'ar', resources_locale
            -- 'ar-AE'). NULL in rows written before, and for feedback. Replicas still on the previous version keep
            -- writing: their inserts name their columns.
            ALTER TABLE audit
                ADD COLUMN language text,
                ADD COLUMN resources_locale text;`,
    },
];
