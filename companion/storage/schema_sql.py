# ruff: noqa: E501 - the statements as SQLite stores them
"""The schema of the newest diary format, as its CREATE statements (written by
``python tests/fixtures/make_fixtures.py``; a test checks it equals what the migrations make).

Opening a diary compares the file with this shape; building it from these statements takes a
few milliseconds, applying every migration to an empty database takes tens: this is on the
way to the first window."""

VERSION = 7

STATEMENTS: tuple[str, ...] = (
    'CREATE TABLE "_sqlite_migrations" (\n   "id" INTEGER PRIMARY KEY,\n   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)',
    'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n    ON "_sqlite_migrations" ("migration_set", "name")',
    'CREATE TABLE "transplants" (\n   "id" INTEGER PRIMARY KEY,\n   "number" INTEGER NOT NULL,\n   "kind" TEXT NOT NULL,\n   "source" TEXT NOT NULL,\n   "day0" TEXT NOT NULL,\n   "day0_confirmed" INTEGER NOT NULL,\n   "conditioning_days" INTEGER NOT NULL,\n   "neutrophil_recovery" TEXT,\n   "created_at" TEXT\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "team" (\n   "id" INTEGER PRIMARY KEY,\n   "name" TEXT,\n   "office_phone" TEXT,\n   "after_hours_phone" TEXT,\n   "office_opens" TEXT,\n   "office_closes" TEXT,\n   "office_days" TEXT\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "clinical_settings" (\n   "key" TEXT PRIMARY KEY,\n   "value" REAL\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "checklist_state" (\n   "transplant_id" INTEGER REFERENCES "transplants"("id"),\n   "phase" TEXT,\n   "item_key" TEXT,\n   "ticked_at" TEXT,\n   "hidden" INTEGER NOT NULL DEFAULT 0, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0,\n   PRIMARY KEY ("transplant_id", "phase", "item_key")\n)',
    'CREATE TABLE "custom_items" (\n   "id" INTEGER PRIMARY KEY,\n   "phase" TEXT NOT NULL,\n   "text" TEXT NOT NULL,\n   "created_at" TEXT NOT NULL\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "entries" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "kind" TEXT NOT NULL,\n   "term" TEXT,\n   "value" REAL,\n   "severity" INTEGER,\n   "frequency" INTEGER,\n   "interference" INTEGER,\n   "detail" TEXT,\n   "note" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n, "at_utc" TEXT, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "idx_entries_at"\n    ON "entries" ("at")',
    'CREATE INDEX "idx_entries_kind_at"\n    ON "entries" ("kind", "at")',
    'CREATE TABLE "preferences" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "labs" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "anc" REAL,\n   "anc_computed" INTEGER,\n   "wbc" REAL,\n   "neutrophil_percent" REAL,\n   "platelets" REAL,\n   "hb" REAL,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n, "at_utc" TEXT, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "idx_labs_at"\n    ON "labs" ("at")',
    'CREATE TABLE "transfusions" (\n   "id" INTEGER PRIMARY KEY,\n   "on_date" TEXT NOT NULL,\n   "product" TEXT NOT NULL,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE TABLE "alerts" (\n   "id" INTEGER PRIMARY KEY,\n   "raised_at" TEXT NOT NULL,\n   "level" INTEGER NOT NULL,\n   "legacy_reason" TEXT,\n   "kind" TEXT NOT NULL,\n   "entry_id" INTEGER REFERENCES "entries"("id"),\n   "contacted_at" TEXT\n, "rule" TEXT, "reading" REAL, "threshold" REAL, "figures" TEXT, "contact_id" INTEGER, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "idx_alerts_contacted_at"\n    ON "alerts" ("contacted_at")',
    'CREATE TABLE "change_log" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "legacy_subject" TEXT,\n   "old_value" TEXT,\n   "new_value" TEXT\n, "field" TEXT, "transplant_number" INTEGER, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "idx_entries_at_utc"\n    ON "entries" ("at_utc")',
    'CREATE INDEX "idx_entries_kind_at_utc"\n    ON "entries" ("kind", "at_utc")',
    'CREATE INDEX "idx_labs_at_utc"\n    ON "labs" ("at_utc")',
    'CREATE TABLE "appointments" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "at_utc" TEXT NOT NULL,\n   "kind" TEXT NOT NULL,\n   "title" TEXT,\n   "place" TEXT,\n   "with_whom" TEXT,\n   "note" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "idx_appointments_at_utc"\n    ON "appointments" ("at_utc")',
    'CREATE TABLE "questions" (\n   "id" INTEGER PRIMARY KEY,\n   "text" TEXT NOT NULL,\n   "appointment_id" INTEGER REFERENCES "appointments"("id"),\n   "created_at" TEXT NOT NULL,\n   "answered_at" TEXT,\n   "answer" TEXT,\n   "deleted_at" TEXT\n, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0)',
    'CREATE INDEX "idx_alerts_entry_id"\n    ON "alerts" ("entry_id")',
    'CREATE INDEX "idx_alerts_contact_id"\n    ON "alerts" ("contact_id")',
    'CREATE TABLE "daily_ticks" (\n   "transplant_id" INTEGER REFERENCES "transplants"("id"),\n   "phase" TEXT,\n   "item_key" TEXT,\n   "on_date" TEXT,\n   "ticked_at" TEXT NOT NULL, "uuid" TEXT, "version" INTEGER NOT NULL DEFAULT 0,\n   PRIMARY KEY ("transplant_id", "phase", "item_key", "on_date")\n)',
    'CREATE UNIQUE INDEX "idx_transplants_uuid"\n    ON "transplants" ("uuid")',
    'CREATE UNIQUE INDEX "idx_team_uuid"\n    ON "team" ("uuid")',
    'CREATE UNIQUE INDEX "idx_clinical_settings_uuid"\n    ON "clinical_settings" ("uuid")',
    'CREATE UNIQUE INDEX "idx_change_log_uuid"\n    ON "change_log" ("uuid")',
    'CREATE UNIQUE INDEX "idx_checklist_state_uuid"\n    ON "checklist_state" ("uuid")',
    'CREATE UNIQUE INDEX "idx_custom_items_uuid"\n    ON "custom_items" ("uuid")',
    'CREATE UNIQUE INDEX "idx_entries_uuid"\n    ON "entries" ("uuid")',
    'CREATE UNIQUE INDEX "idx_alerts_uuid"\n    ON "alerts" ("uuid")',
    'CREATE UNIQUE INDEX "idx_preferences_uuid"\n    ON "preferences" ("uuid")',
    'CREATE UNIQUE INDEX "idx_labs_uuid"\n    ON "labs" ("uuid")',
    'CREATE UNIQUE INDEX "idx_transfusions_uuid"\n    ON "transfusions" ("uuid")',
    'CREATE UNIQUE INDEX "idx_appointments_uuid"\n    ON "appointments" ("uuid")',
    'CREATE UNIQUE INDEX "idx_questions_uuid"\n    ON "questions" ("uuid")',
    'CREATE UNIQUE INDEX "idx_daily_ticks_uuid"\n    ON "daily_ticks" ("uuid")',
    'CREATE TABLE "journal" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "at_utc" TEXT NOT NULL,\n   "operation" TEXT NOT NULL,\n   "device" TEXT,\n   "front_end" TEXT NOT NULL,\n   "session" TEXT,\n   "rows" TEXT NOT NULL,\n   "undoable" INTEGER NOT NULL DEFAULT 1,\n   "state" TEXT NOT NULL DEFAULT \'done\',\n   "undone_at" TEXT,\n   "kept" INTEGER NOT NULL DEFAULT 1\n)',
    'CREATE INDEX "idx_journal_kept_id"\n    ON "journal" ("kept", "id")',
    'CREATE INDEX "idx_journal_session_id"\n    ON "journal" ("session", "id")',
    'CREATE TABLE "tombstones" (\n   "uuid" TEXT PRIMARY KEY,\n   "table_name" TEXT NOT NULL,\n   "deleted_at" TEXT,\n   "erased_at" TEXT NOT NULL\n)',
)
