# ruff: noqa: E501 - the statements as SQLite stores them
"""The schema of the newest diary format, as its CREATE statements (written by
``python tests/fixtures/make_fixtures.py``; a test checks it equals what the migrations make).

Opening a diary compares the file with this shape; building it from these statements takes a
few milliseconds, applying every migration to an empty database takes tens: this is on the
way to the first window."""

VERSION = 8

STATEMENTS: tuple[str, ...] = (
    'CREATE TABLE "_sqlite_migrations" (\n   "id" INTEGER PRIMARY KEY,\n   "migration_set" TEXT,\n   "name" TEXT,\n   "applied_at" TEXT\n)',
    'CREATE UNIQUE INDEX "idx__sqlite_migrations_migration_set_name"\n    ON "_sqlite_migrations" ("migration_set", "name")',
    'CREATE TABLE "transplants" (\n   "id" INTEGER PRIMARY KEY,\n   "number" INTEGER NOT NULL,\n   "kind" TEXT NOT NULL,\n   "source" TEXT NOT NULL,\n   "day0" TEXT NOT NULL,\n   "day0_confirmed" INTEGER NOT NULL,\n   "conditioning_days" INTEGER NOT NULL,\n   "neutrophil_recovery" TEXT,\n   "created_at" TEXT\n)',
    'CREATE TABLE "team" (\n   "id" INTEGER PRIMARY KEY,\n   "name" TEXT,\n   "office_phone" TEXT,\n   "after_hours_phone" TEXT,\n   "office_opens" TEXT,\n   "office_closes" TEXT,\n   "office_days" TEXT\n)',
    'CREATE TABLE "clinical_settings" (\n   "key" TEXT PRIMARY KEY,\n   "value" REAL\n)',
    'CREATE TABLE "checklist_state" (\n   "transplant_id" INTEGER REFERENCES "transplants"("id"),\n   "phase" TEXT,\n   "item_key" TEXT,\n   "ticked_at" TEXT,\n   "hidden" INTEGER NOT NULL DEFAULT 0,\n   PRIMARY KEY ("transplant_id", "phase", "item_key")\n)',
    'CREATE TABLE "custom_items" (\n   "id" INTEGER PRIMARY KEY,\n   "phase" TEXT NOT NULL,\n   "text" TEXT NOT NULL,\n   "created_at" TEXT NOT NULL\n)',
    'CREATE TABLE "entries" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "kind" TEXT NOT NULL,\n   "term" TEXT,\n   "value" REAL,\n   "severity" INTEGER,\n   "frequency" INTEGER,\n   "interference" INTEGER,\n   "detail" TEXT,\n   "note" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n, "at_utc" TEXT)',
    'CREATE INDEX "idx_entries_at"\n    ON "entries" ("at")',
    'CREATE INDEX "idx_entries_kind_at"\n    ON "entries" ("kind", "at")',
    'CREATE TABLE "preferences" (\n   "key" TEXT PRIMARY KEY,\n   "value" TEXT\n)',
    'CREATE TABLE "labs" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "anc" REAL,\n   "anc_computed" INTEGER,\n   "wbc" REAL,\n   "neutrophil_percent" REAL,\n   "platelets" REAL,\n   "hb" REAL,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n, "at_utc" TEXT, "lymphocytes" REAL, "cd4" REAL, "igg" REAL)',
    'CREATE INDEX "idx_labs_at"\n    ON "labs" ("at")',
    'CREATE TABLE "transfusions" (\n   "id" INTEGER PRIMARY KEY,\n   "on_date" TEXT NOT NULL,\n   "product" TEXT NOT NULL,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n)',
    'CREATE TABLE "alerts" (\n   "id" INTEGER PRIMARY KEY,\n   "raised_at" TEXT NOT NULL,\n   "level" INTEGER NOT NULL,\n   "legacy_reason" TEXT,\n   "kind" TEXT NOT NULL,\n   "entry_id" INTEGER REFERENCES "entries"("id"),\n   "contacted_at" TEXT\n, "rule" TEXT, "reading" REAL, "threshold" REAL, "figures" TEXT, "contact_id" INTEGER)',
    'CREATE INDEX "idx_alerts_contacted_at"\n    ON "alerts" ("contacted_at")',
    'CREATE TABLE "change_log" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "legacy_subject" TEXT,\n   "old_value" TEXT,\n   "new_value" TEXT\n, "field" TEXT, "transplant_number" INTEGER)',
    'CREATE INDEX "idx_entries_at_utc"\n    ON "entries" ("at_utc")',
    'CREATE INDEX "idx_entries_kind_at_utc"\n    ON "entries" ("kind", "at_utc")',
    'CREATE INDEX "idx_labs_at_utc"\n    ON "labs" ("at_utc")',
    'CREATE TABLE "appointments" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "at_utc" TEXT NOT NULL,\n   "kind" TEXT NOT NULL,\n   "title" TEXT,\n   "place" TEXT,\n   "with_whom" TEXT,\n   "note" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n)',
    'CREATE INDEX "idx_appointments_at_utc"\n    ON "appointments" ("at_utc")',
    'CREATE TABLE "questions" (\n   "id" INTEGER PRIMARY KEY,\n   "text" TEXT NOT NULL,\n   "appointment_id" INTEGER REFERENCES "appointments"("id"),\n   "created_at" TEXT NOT NULL,\n   "answered_at" TEXT,\n   "answer" TEXT,\n   "deleted_at" TEXT\n)',
    'CREATE INDEX "idx_alerts_entry_id"\n    ON "alerts" ("entry_id")',
    'CREATE INDEX "idx_alerts_contact_id"\n    ON "alerts" ("contact_id")',
    'CREATE TABLE "daily_ticks" (\n   "transplant_id" INTEGER REFERENCES "transplants"("id"),\n   "phase" TEXT,\n   "item_key" TEXT,\n   "on_date" TEXT,\n   "ticked_at" TEXT NOT NULL,\n   PRIMARY KEY ("transplant_id", "phase", "item_key", "on_date")\n)',
    'CREATE TABLE "medicines" (\n   "id" INTEGER PRIMARY KEY,\n   "name" TEXT NOT NULL,\n   "dose" TEXT NOT NULL,\n   "purpose" TEXT,\n   "times" TEXT NOT NULL,\n   "every_hours" INTEGER,\n   "food" TEXT NOT NULL DEFAULT \'any\',\n   "start_date" TEXT NOT NULL,\n   "end_date" TEXT,\n   "hold_on_blood_test" INTEGER NOT NULL DEFAULT 0,\n   "created_at" TEXT,\n   "deleted_at" TEXT\n)',
    'CREATE TABLE "medicine_changes" (\n   "id" INTEGER PRIMARY KEY,\n   "medicine_id" INTEGER NOT NULL REFERENCES "medicines"("id"),\n   "kind" TEXT NOT NULL,\n   "on_date" TEXT NOT NULL,\n   "until_date" TEXT,\n   "dose" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n)',
    'CREATE INDEX "idx_medicine_changes_medicine_id"\n    ON "medicine_changes" ("medicine_id")',
    'CREATE TABLE "dose_records" (\n   "id" INTEGER PRIMARY KEY,\n   "medicine_id" INTEGER NOT NULL REFERENCES "medicines"("id"),\n   "due_at" TEXT NOT NULL,\n   "due_utc" TEXT NOT NULL,\n   "status" TEXT NOT NULL,\n   "at" TEXT NOT NULL,\n   "reason" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n)',
    "CREATE UNIQUE INDEX idx_dose_records_live ON dose_records (medicine_id, due_utc) WHERE deleted_at IS NULL",
    'CREATE INDEX "idx_dose_records_due_utc"\n    ON "dose_records" ("due_utc")',
    'CREATE TABLE "scheduled_checks" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "at_utc" TEXT NOT NULL,\n   "reading_at" TEXT NOT NULL,\n   "value" REAL NOT NULL,\n   "entry_id" INTEGER,\n   "created_at" TEXT NOT NULL\n)',
    'CREATE INDEX "idx_scheduled_checks_at_utc"\n    ON "scheduled_checks" ("at_utc")',
    'CREATE TABLE "ivig_infusions" (\n   "id" INTEGER PRIMARY KEY,\n   "at" TEXT NOT NULL,\n   "at_utc" TEXT NOT NULL,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n)',
    'CREATE INDEX "idx_ivig_infusions_at_utc"\n    ON "ivig_infusions" ("at_utc")',
    'CREATE TABLE "vaccine_doses" (\n   "id" INTEGER PRIMARY KEY,\n   "transplant_id" INTEGER NOT NULL REFERENCES "transplants"("id"),\n   "vaccine" TEXT NOT NULL,\n   "name" TEXT NOT NULL,\n   "dose" INTEGER NOT NULL,\n   "earliest" TEXT NOT NULL,\n   "default_earliest" TEXT,\n   "live" INTEGER NOT NULL DEFAULT 0,\n   "given_on" TEXT,\n   "given_where" TEXT,\n   "batch" TEXT,\n   "created_at" TEXT NOT NULL,\n   "deleted_at" TEXT\n)',
    'CREATE INDEX "idx_vaccine_doses_transplant_id_earliest"\n    ON "vaccine_doses" ("transplant_id", "earliest")',
    'CREATE TABLE "live_vaccine_conditions" (\n   "transplant_id" INTEGER REFERENCES "transplants"("id"),\n   "name" TEXT,\n   "met" INTEGER,\n   "since" TEXT,\n   "updated_at" TEXT NOT NULL,\n   PRIMARY KEY ("transplant_id", "name")\n)',
    'CREATE TABLE "screening_plan" (\n   "id" INTEGER PRIMARY KEY,\n   "transplant_id" INTEGER NOT NULL REFERENCES "transplants"("id"),\n   "item" TEXT NOT NULL,\n   "due_on" TEXT NOT NULL,\n   "appointment_id" INTEGER REFERENCES "appointments"("id"),\n   "done_on" TEXT,\n   "created_at" TEXT NOT NULL\n)',
)
