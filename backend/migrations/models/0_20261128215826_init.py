from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "agency" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL UNIQUE,
    "short_name" VARCHAR(100) NOT NULL,
    "ministry" VARCHAR(255) NOT NULL,
    "aliases" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "audit_log" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "at" TIMESTAMPTZ NOT NULL,
    "actor" VARCHAR(100) NOT NULL,
    "action" VARCHAR(100) NOT NULL,
    "target_type" VARCHAR(50) NOT NULL,
    "target_id" VARCHAR(100) NOT NULL,
    "details" JSONB NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_audit_log_at_63718d" ON "audit_log" ("at");
CREATE TABLE IF NOT EXISTS "broadcast" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "title" VARCHAR(200) NOT NULL,
    "audience" JSONB NOT NULL,
    "messages" JSONB NOT NULL,
    "urgent" BOOL NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "requested_at" TIMESTAMPTZ,
    "send_after" TIMESTAMPTZ NOT NULL,
    "created_by" VARCHAR(100) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "started_at" TIMESTAMPTZ,
    "finished_at" TIMESTAMPTZ,
    "cancelled_at" TIMESTAMPTZ,
    "total_recipients" INT NOT NULL,
    "planning_done" BOOL NOT NULL
);
CREATE INDEX IF NOT EXISTS "idx_broadcast_status_0a5d47" ON "broadcast" ("status");
CREATE INDEX IF NOT EXISTS "idx_broadcast_send_af_929709" ON "broadcast" ("send_after");
COMMENT ON COLUMN "broadcast"."status" IS 'scheduled: scheduled\nsending: sending\ncompleted: completed\ncancelled: cancelled';
CREATE TABLE IF NOT EXISTS "broadcast_batch" (
    "id" BIGSERIAL NOT NULL PRIMARY KEY,
    "seq" INT NOT NULL,
    "retry_key" VARCHAR(36) NOT NULL UNIQUE,
    "user_ids" JSONB NOT NULL,
    "recipients" INT NOT NULL,
    "last_member_id" INT NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "attempts" INT NOT NULL,
    "last_http_status" INT,
    "outcome" VARCHAR(20) NOT NULL,
    "request_id" VARCHAR(64) NOT NULL,
    "error" VARCHAR(500) NOT NULL,
    "sent_at" TIMESTAMPTZ,
    "broadcast_id" INT NOT NULL REFERENCES "broadcast" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_broadcast_b_broadca_076e4d" UNIQUE ("broadcast_id", "seq")
);
CREATE INDEX IF NOT EXISTS "idx_broadcast_b_broadca_1ef79d" ON "broadcast_batch" ("broadcast_id", "status");
COMMENT ON COLUMN "broadcast_batch"."status" IS 'pending: pending\nsent: sent\nfailed: failed\ncancelled: cancelled';
COMMENT ON TABLE "broadcast_batch" IS 'Up to 500 recipients of one broadcast, planned (with its retry key) before it is sent.';
CREATE TABLE IF NOT EXISTS "certificate_sequence" (
    "year_be" SERIAL NOT NULL PRIMARY KEY,
    "last_no" INT NOT NULL
);
COMMENT ON TABLE "certificate_sequence" IS 'Last number handed out per Buddhist-era year (ONDE-2569-000123).';
CREATE TABLE IF NOT EXISTS "provider" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(255) NOT NULL UNIQUE,
    "name_en" VARCHAR(255) NOT NULL,
    "contact_email" VARCHAR(255) NOT NULL,
    "contact_phone" VARCHAR(50) NOT NULL
);
CREATE TABLE IF NOT EXISTS "course" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(40) NOT NULL UNIQUE,
    "title_th" VARCHAR(500) NOT NULL,
    "title_en" VARCHAR(500) NOT NULL,
    "description" TEXT NOT NULL,
    "hours" DECIMAL(6,1) NOT NULL,
    "modality" VARCHAR(10) NOT NULL,
    "fee" DECIMAL(10,2) NOT NULL,
    "certification_no" VARCHAR(100) NOT NULL,
    "certified_on" DATE,
    "certification_expires" DATE,
    "status" VARCHAR(10) NOT NULL,
    "search_text" TEXT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "provider_id" INT NOT NULL REFERENCES "provider" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_course_status_c6f61e" ON "course" ("status");
COMMENT ON COLUMN "course"."modality" IS 'online: online\nonsite: onsite\nhybrid: hybrid';
COMMENT ON COLUMN "course"."status" IS 'active: active\ndraft: draft\nretired: retired';
CREATE TABLE IF NOT EXISTS "certificate_rule" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "require_attendance" BOOL NOT NULL,
    "require_l1" BOOL NOT NULL,
    "require_l2_post" BOOL NOT NULL,
    "course_id" INT NOT NULL UNIQUE REFERENCES "course" ("id") ON DELETE CASCADE
);
COMMENT ON TABLE "certificate_rule" IS 'What a registration needs for a certificate; courses without a row use attended + L1 answered.';
CREATE TABLE IF NOT EXISTS "skill_area" (
    "code" VARCHAR(40) NOT NULL PRIMARY KEY,
    "name_th" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "core" BOOL NOT NULL,
    "sort_order" INT NOT NULL,
    "framework_version" VARCHAR(20) NOT NULL
);
CREATE TABLE IF NOT EXISTS "staff_user" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "username" VARCHAR(100) NOT NULL UNIQUE,
    "display_name" VARCHAR(255) NOT NULL,
    "role" VARCHAR(10) NOT NULL,
    "password_hash" VARCHAR(255),
    "line_user_id" VARCHAR(64) UNIQUE,
    "active" BOOL NOT NULL,
    "failed_logins" INT NOT NULL,
    "locked_until" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "provider_id" INT REFERENCES "provider" ("id") ON DELETE SET NULL
);
COMMENT ON COLUMN "staff_user"."role" IS 'admin: admin\ntrainer: trainer';
CREATE TABLE IF NOT EXISTS "api_token" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "name" VARCHAR(100) NOT NULL,
    "token_hash" VARCHAR(64) NOT NULL UNIQUE,
    "prefix" VARCHAR(12) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "last_used_at" TIMESTAMPTZ,
    "revoked_at" TIMESTAMPTZ,
    "user_id" INT NOT NULL REFERENCES "staff_user" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "conversation_message" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "line_user_id" VARCHAR(64) NOT NULL,
    "direction" VARCHAR(5) NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "staff_user_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_conversatio_line_us_18d19b" ON "conversation_message" ("line_user_id");
CREATE INDEX IF NOT EXISTS "idx_conversatio_line_us_17fff6" ON "conversation_message" ("line_user_id", "at");
COMMENT ON TABLE "conversation_message" IS 'A message in a LINE chat: from the user (\"in\"), the bot (\"out\") or staff (\"staff\").';
CREATE TABLE IF NOT EXISTS "handover" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "line_user_id" VARCHAR(64) NOT NULL,
    "reason" VARCHAR(500) NOT NULL,
    "status" VARCHAR(10) NOT NULL,
    "opened_at" TIMESTAMPTZ NOT NULL,
    "released_at" TIMESTAMPTZ,
    "released_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL
);
CREATE INDEX IF NOT EXISTS "idx_handover_line_us_526440" ON "handover" ("line_user_id");
CREATE INDEX IF NOT EXISTS "idx_handover_status_ef87bd" ON "handover" ("status");
COMMENT ON COLUMN "handover"."status" IS 'open: open\nreleased: released';
COMMENT ON TABLE "handover" IS 'A user asked for a person: the bot stays quiet for them until staff release the conversation.';
CREATE TABLE IF NOT EXISTS "session" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "no" INT NOT NULL,
    "start_date" DATE NOT NULL,
    "end_date" DATE NOT NULL,
    "province" VARCHAR(100),
    "online" BOOL NOT NULL,
    "venue" VARCHAR(500) NOT NULL,
    "capacity" INT NOT NULL,
    "seats_taken" INT NOT NULL,
    "registration_opens" DATE,
    "registration_closes" DATE,
    "status" VARCHAR(10) NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE CASCADE,
    "trainer_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_session_course__8503cd" UNIQUE ("course_id", "no")
);
CREATE INDEX IF NOT EXISTS "idx_session_start_d_92a262" ON "session" ("start_date");
CREATE INDEX IF NOT EXISTS "idx_session_provinc_1a0969" ON "session" ("province");
CREATE INDEX IF NOT EXISTS "idx_session_course__583616" ON "session" ("course_id", "start_date");
COMMENT ON COLUMN "session"."status" IS 'open: open\ncancelled: cancelled';
COMMENT ON TABLE "session" IS 'One run (รุ่น) of a course.';
CREATE TABLE IF NOT EXISTS "survey_template" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "code" VARCHAR(60) NOT NULL UNIQUE,
    "title_th" VARCHAR(300) NOT NULL,
    "level" INT NOT NULL,
    "anonymous" BOOL NOT NULL,
    "questions" JSONB NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL
);
COMMENT ON TABLE "survey_template" IS 'A questionnaire as data. `questions` is a list of';
CREATE TABLE IF NOT EXISTS "survey_dispatch" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "phase" VARCHAR(5) NOT NULL,
    "anonymous" BOOL NOT NULL,
    "deadline" TIMESTAMPTZ NOT NULL,
    "reminder_days" JSONB NOT NULL,
    "dedupe_key" VARCHAR(100) UNIQUE,
    "created_at" TIMESTAMPTZ NOT NULL,
    "created_by_id" INT REFERENCES "staff_user" ("id") ON DELETE SET NULL,
    "session_id" INT NOT NULL REFERENCES "session" ("id") ON DELETE CASCADE,
    "template_id" INT NOT NULL REFERENCES "survey_template" ("id") ON DELETE RESTRICT
);
CREATE INDEX IF NOT EXISTS "idx_survey_disp_session_a06fff" ON "survey_dispatch" ("session_id", "template_id");
COMMENT ON COLUMN "survey_dispatch"."phase" IS 'none: \npre: pre\npost: post';
COMMENT ON TABLE "survey_dispatch" IS 'One survey sent to the attendees of one session.';
CREATE TABLE IF NOT EXISTS "target_group" (
    "code" VARCHAR(40) NOT NULL PRIMARY KEY,
    "name_th" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "sort_order" INT NOT NULL,
    "framework_version" VARCHAR(20) NOT NULL,
    "active" BOOL NOT NULL,
    "keywords" TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS "member" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "line_user_id" VARCHAR(64) UNIQUE,
    "display_name" VARCHAR(255) NOT NULL,
    "agency_text" VARCHAR(255) NOT NULL,
    "position" VARCHAR(255) NOT NULL,
    "province" VARCHAR(100),
    "consent_at" TIMESTAMPTZ,
    "consent_version" VARCHAR(20) NOT NULL,
    "active" BOOL NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "deleted_at" TIMESTAMPTZ,
    "agency_id" INT REFERENCES "agency" ("id") ON DELETE SET NULL,
    "target_group_id" VARCHAR(40) REFERENCES "target_group" ("code") ON DELETE SET NULL
);
CREATE TABLE IF NOT EXISTS "registration" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "status" VARCHAR(12) NOT NULL,
    "active_key" VARCHAR(40) UNIQUE,
    "registered_at" TIMESTAMPTZ,
    "waitlisted_at" TIMESTAMPTZ,
    "promoted_at" TIMESTAMPTZ,
    "cancelled_at" TIMESTAMPTZ,
    "attended_at" TIMESTAMPTZ,
    "completed_at" TIMESTAMPTZ,
    "created_at" TIMESTAMPTZ NOT NULL,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "member_id" INT NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE,
    "session_id" INT NOT NULL REFERENCES "session" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_registratio_status_c3764b" ON "registration" ("status");
CREATE INDEX IF NOT EXISTS "idx_registratio_session_535aca" ON "registration" ("session_id", "status");
CREATE INDEX IF NOT EXISTS "idx_registratio_member__e73de3" ON "registration" ("member_id", "status");
COMMENT ON COLUMN "registration"."status" IS 'registered: registered\nwaitlisted: waitlisted\ncancelled: cancelled\nattended: attended\ncompleted: completed';
CREATE TABLE IF NOT EXISTS "certificate" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "number" VARCHAR(40) NOT NULL UNIQUE,
    "name_on_certificate" VARCHAR(255) NOT NULL,
    "hours" DECIMAL(6,1) NOT NULL,
    "issued_at" TIMESTAMPTZ NOT NULL,
    "revoked_at" TIMESTAMPTZ,
    "revoke_reason" VARCHAR(255) NOT NULL,
    "pushed_at" TIMESTAMPTZ,
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE RESTRICT,
    "member_id" INT NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE,
    "session_id" INT NOT NULL REFERENCES "session" ("id") ON DELETE RESTRICT,
    "registration_id" INT NOT NULL UNIQUE REFERENCES "registration" ("id") ON DELETE CASCADE
);
CREATE TABLE IF NOT EXISTS "registration_event" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "kind" VARCHAR(20) NOT NULL,
    "actor" VARCHAR(100) NOT NULL,
    "at" TIMESTAMPTZ NOT NULL,
    "registration_id" INT NOT NULL REFERENCES "registration" ("id") ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS "idx_registratio_registr_e2b6d5" ON "registration_event" ("registration_id");
COMMENT ON TABLE "registration_event" IS 'What happened to a registration and who did it (registered, waitlisted, promoted, cancelled...).';
CREATE TABLE IF NOT EXISTS "survey_invite" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "pushed_at" TIMESTAMPTZ,
    "push_outcome" VARCHAR(20) NOT NULL,
    "dispatch_id" INT NOT NULL REFERENCES "survey_dispatch" ("id") ON DELETE CASCADE,
    "member_id" INT NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE,
    "registration_id" INT REFERENCES "registration" ("id") ON DELETE SET NULL,
    CONSTRAINT "uid_survey_invi_dispatc_8395f4" UNIQUE ("dispatch_id", "member_id")
);
COMMENT ON TABLE "survey_invite" IS 'A member asked to answer a dispatch (and whether the LINE push went out).';
CREATE TABLE IF NOT EXISTS "survey_reminder" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "seq" INT NOT NULL,
    "created_at" TIMESTAMPTZ NOT NULL,
    "outcome" VARCHAR(20) NOT NULL,
    "dispatch_id" INT NOT NULL REFERENCES "survey_dispatch" ("id") ON DELETE CASCADE,
    "member_id" INT NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_survey_remi_dispatc_64cc62" UNIQUE ("dispatch_id", "member_id", "seq")
);
COMMENT ON TABLE "survey_reminder" IS 'A reminder, recorded (unique) before it is sent so it is never sent twice.';
CREATE TABLE IF NOT EXISTS "survey_response" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "answers" JSONB NOT NULL,
    "channel" VARCHAR(10) NOT NULL,
    "cursor" INT NOT NULL,
    "completed_at" TIMESTAMPTZ,
    "updated_at" TIMESTAMPTZ NOT NULL,
    "dispatch_id" INT NOT NULL REFERENCES "survey_dispatch" ("id") ON DELETE CASCADE,
    "member_id" INT NOT NULL REFERENCES "member" ("id") ON DELETE CASCADE,
    CONSTRAINT "uid_survey_resp_dispatc_4c7e77" UNIQUE ("dispatch_id", "member_id")
);
COMMENT ON TABLE "survey_response" IS 'A member''s answers to a dispatch; `completed_at` is NULL while a chat answer is in progress.';
CREATE TABLE IF NOT EXISTS "topic" (
    "code" VARCHAR(40) NOT NULL PRIMARY KEY,
    "name_th" VARCHAR(200) NOT NULL,
    "name_en" VARCHAR(200) NOT NULL,
    "keywords" TEXT NOT NULL,
    "sort_order" INT NOT NULL
);
CREATE TABLE IF NOT EXISTS "aerich" (
    "id" SERIAL NOT NULL PRIMARY KEY,
    "version" VARCHAR(255) NOT NULL,
    "app" VARCHAR(100) NOT NULL,
    "content" JSONB NOT NULL
);
CREATE TABLE IF NOT EXISTS "course_topic" (
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE CASCADE,
    "topic_id" VARCHAR(40) NOT NULL REFERENCES "topic" ("code") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_course_topi_course__09d73c" ON "course_topic" ("course_id", "topic_id");
CREATE TABLE IF NOT EXISTS "course_target_group" (
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE CASCADE,
    "targetgroup_id" VARCHAR(40) NOT NULL REFERENCES "target_group" ("code") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_course_targ_course__cb8baf" ON "course_target_group" ("course_id", "targetgroup_id");
CREATE TABLE IF NOT EXISTS "course_skill_area" (
    "course_id" INT NOT NULL REFERENCES "course" ("id") ON DELETE CASCADE,
    "skillarea_id" VARCHAR(40) NOT NULL REFERENCES "skill_area" ("code") ON DELETE CASCADE
);
CREATE UNIQUE INDEX IF NOT EXISTS "uidx_course_skil_course__7be99e" ON "course_skill_area" ("course_id", "skillarea_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        """


MODELS_STATE = (
    "eJztXetzozi2/1dU/nLTdT2ptPPonuzWViXdmZns5rGV9tyZ2s4UIxs5poKBBpG0a7b/9y"
    "vxFEJghAFjWl9iB3QA/46Qzvv8NVrZOjK9w4snZM3Xo3Pw18iCK0S+cGfGYAQdJz1OD2A4"
    "M4OhMB0z87AL55gcXUDTQ+SQjry5azjYsC1y1PJNkx6052SgYT2lh3zL+OIjDdtPCC+RS0"
    "58/oMcNiwdfUVe/K/zrC0MZOqZRzV0eu/guIbXTnDs2sI/BQPp3Wba3Db9lZUOdtZ4aVvJ"
    "aMPC9Cj5HciFGNHLY9enj0+fLvqd8S8KnzQdEj4iQ6OjBfRNzPzcmZYeG2na3f1U+3Q11b"
    "SRBEBz26Lgkkf1gl//RB/hh8nbk3cn74/PTt6TIcFjJkfefQtvnQITEgbw3E1H34LzEMNw"
    "RIBxCmrwmYP1wxK6Ylzj8Ryy5JF5ZGMc+wvtCn7VTGQ94SXF8/S0BMj/u3j48MvFwwEZ9Y"
    "be0ibTP3wr7qJTk/AcRTtF11vaLtZkMc5SNYN0fCCFOn1zE1xHnSD99uioAtJkVCHSwbks"
    "0ivDMsgt1zI4szSDQ7mV+QxNA3rIy4M8RV8LFmKGZAAYl0A6vfp9Sq+88rwvJovkwe3F7w"
    "HIq3V05ub+7ud4OIP8h5v7SwI43QAXz8xqTQ/M4Pz5Fbq6ljnDzH+0miFXwJnLiPCnfz0g"
    "Ewa/N8+KSAq4DS5SgSnRMi3FkxZX8m/xpIuPRo8YQGlP7CIs86dWkxV/BFpE8NGje9M7xS"
    "KTY0ztZ2QJxan4XLlA5RhEEIqHKZlKyVR7vz52sNMHb4y2hN5SBuMs1eCk17OTCkCfnRTi"
    "TE9lYXZctDC+ykCcUgxvIk+qzONJ8TSe8PDOXUSh0CDOQ/yRnMHGColhzlJyUOsR6WH8pS"
    "3g25zZ5Afq95a5jnfxEpnr+vbq0/Ti9t8ZwevjxfSKnplkhK746MEZx6bkIuC36+kvgP4L"
    "/nN/dxXAa3v4yQ3umI6b/mdEnwn62NYs+1WDOvPyx0dj1DJcN6GHNd+rxXeetgHO91OM6z"
    "ujY0xKOe2iF7Lj1OFzllJxuc9cJq+jq0nJ0AzFZkF6HxbrBmTpnMKbBTiP7k+2i4wn619o"
    "HYB8TZ4IWnORDB3pY58wXCx+9Srptn1DuEi5JYdd+JrodOzMIgCQn41wKLBdfPpw8fFq9K"
    "3YjNCqmuzrBr6xn0YiNTk+Ny5Vk+kozYyGKTV5n17tcYmaLL81dinydor0cCVe8qraghW8"
    "WItMCLpTIjvT0luxhxDAIqOuBMRiM7DCuMjmBF2yaYQ4SQDNkQ3OLHJaBerTYqRPi4AW7b"
    "cbYRbuu/sPcisTWkcYGqbAXfTPT/d3YpQZEn4HNuYY/BeYhteaBjP6+8K3gmULzHzDxIbl"
    "HdLb/mMHjj4KUbmjj/fpcdsqvYCko69NCf3StaE+hx4eCUT09GSpjD7LDFMy+lBkdGxgU2"
    "7LiwkGtw5PKq3Dk5J1eCIQ3ohuiyLTRdWFmKVRK3EjK3Emkgh5HlkopfZGlqYfLKH3GwxL"
    "fCLfWQJrwaVtmwhaBZbWhIjjyIxQtcWK5Ei3qF/e399kUL+85oOLfr29vCJiYsACMsgIjY"
    "PxDsCELGKIfcHkp0v+leWvchbXbOhiQt3W+p/bXUfefIl030S65HRPCc9B8vXR8pClEzaQ"
    "Y+GXR2turxxqTSXjkq/kKAXADKiTr6Na8n0l8b5Euuc3FRcR8Lx63mWeVvmf+ux/olNUgw"
    "sscpKU8zlLOTyT6pC4HEd8zKSim7NUgxPHWzGLqKicYvSH66MgQotbj+tZSrVX9nkVXdBs"
    "j2UtNnOkis995nMijNdZxTlaxek+cxrbGJqai+aGYyD6+3LcLrT/iki7i8c6amuPbsQazM"
    "SAm9CyyA013bYEJspS80uOVllhNlhhauV9zSCeL0XGSpm8r8TJc0mvtofC6U4SwDjUypxn"
    "Ca4VPGjaLBm8yY82+tUB2AanR0cgXcqAvQDklQPJBccgeBeRDg5eDbwEBhnjIuyuwTNavw"
    "EztLBdRI4Cw6M2L3zIW7FavI3A3/c560z00JfRH5wPkB8SGh3/kHINXhpP34t38MfJ5Pj4"
    "3eTo+Oz96cm7d6fvj5KNIX+qbIe4vP6ZLlWZJW2zD5FysPrOHI1WwdGC/Th4nTTyOsnYgT"
    "JEg0t8Oz6rYAU65qXU1AhET3HOpjCOWsr/x9Io/1/j/r9aIv6uhPs9Wk+ClLKwcoBcFkue"
    "UOG7h75UwVLihE5PyZUjJjsHTuw0pSJe4EPFj9YCGoGfNPzss+sUYoxWjtQ6w5IoE4JwiV"
    "li7GhFL0P5IsOR1gK4Zya4piG2fTy35SpOMCSDcwxOqoXplUTpFcRTSEalZ6kGB3PzFSeQ"
    "68qlCiUEgwP3tJJz+7TEuX2ad27TvbiOjzMlU+6QPrtDUguilCzPkylJfnNaesb8mMVZOj"
    "c9k2GxZzBXzU3n51ifEtQ/IBcbC2MOg6fJ2fDZ0+MyA/6cG6iSYPbpZR+XGLCJpj4TRViW"
    "VHRLKAZncD2pIpmcFAsmJzm5hH5qBCPuBaqMtZh8gKnNrZR0Xdq+qGzoRzQ3VtAUQ57Q8A"
    "JhSHQYEe8h4CX4frz6cH17cXNwNubd9+ysz4JreJ5fKxApQzjAaNIhyd2q1Nf3w2XNRdCT"
    "q7aRIxyctaKVfcnxawbrZgjVO9Xnd2pO5QgkZ67I0ChbhcAfUMehq3y5G325yPPII8jBmi"
    "VSuApjmp5oE44gQlUOXAFlMwjvvTGjxHK5QmJbhrTZsnKviL5N4Ko2y8ySKDZY5veyBoD9"
    "kFxooMBmdvAMsA9Eoni4/jAdiVbeBqD9lF5poNhmN5wCcGXs7OKFOs+LewtNbfKnIiceuI"
    "vt1RJdlRmCDaqC46MpZ8aDb25yaARDxhWdGpobj96YlvDbEmIAAfv7gYWQ7oGF7ZITzFX/"
    "BsLlwAM0acD2Azr7FfgeAjSyijBYB/8Lbt4CaHmvyEV6Pj2h/dspj0y/PDI0tsZwkRayDA"
    "oLaJVmp4kv0GGKWsyNvcpQ44OiKILm25rQh4QK8hqQTzRqiamLe0qtUjIl0O+JsWrv13WJ"
    "NNcycbRI35IUROtrW3shghbrWu0Kn59o8CsFvlwATYZVFkI9lmKjIHoDPQzCYAywhIFwR2"
    "U+h/x76ev6ksiLPxCmgzWCLji4v/t49cPk9OzHH46Ojt5Ojt/kRc0mLriFMEkvq80Es75w"
    "BWIolFi5SawMMg4sWwJehkLlfmy9uje4FNnWC3K9QBe8DYuzCpciwbDypYgh0FYMxcal6A"
    "JEw4FhEaXz5vruCsyJ4koIXHsFyEpAlVCyaDwS3j+O3oyDQzMb0yNkjSGHANFmPdrJiB4K"
    "vpCD+TWq1TttXrw+j0zDQhrTjghiydx8pR9vu5BxHKgaq8DTdVbEtbMYuubTVnSiVEm3YM"
    "kQDTBUsUpASHE4SC4YBKOvAnW3uOl8PH4QyJZFfDTVcz6bA5uHuj99ubqd1IMuerlYFO8R"
    "xSENPJ1Kyd3odE8xa8KJKdHLsmcwV/Zi8nMsY7kgTwHufr252VnCUGgyEqoTsTGpTINIxq"
    "gMoX16v8vk7Tnhs4z4F49X2UGc5JdPoQgaCml4KQMvSzMIEbCD7PAQMySlxbA0g4tqbwVl"
    "9slyQBfrMxzZALDuWqlRaW4tprkRMQeSUQVlCTdXumLp+7xeEzmUWsjOQfj5aBFUCTj0f/"
    "r5aC3XM9fQz0H4yVtmq6w6zZe0WiCBaFI67yOK3cz6tpwbFab826PxpPKcT52S1BUgchqV"
    "iH8C2gGs6V00aAmRQ0SFE2yg1EpVinhCV2ar2lu9Wji3L6ZXpTMXfXUMV1RAfCOY+Qt8z6"
    "j2vdZjvm8ebQP/giQXg4jqHISfj5buwgU+B8HHo+UShru0rmP0pR9boIegO19qsl4EjmwA"
    "K3TXUrfqp1U854frWvAdvSbXs5SK633heowRw/bo6ZmEfdd+MXRZdxJHpVJkN3uTYsga8C"
    "X9m7nUnoFc1ZfETTDplDiR3Lxtvx2uptxAkBclbW4J1PASNuU6EgknX5KIJ8Y1DoCXmoZx"
    "JuBeamhikLMeXbZrnGPMBfPyFlrrqU3/Vlw8p/RCe+evK1k3g9+lcT7t5Fe6dD4R2SybgB"
    "ECabvB5KVNZmKEo/U2mdjRuUxCAl66tv+0ZI7j+G7CXAVyXMuBnV12ng3T1CAtttQAhz/R"
    "q12Qiw2ey5lfWp3TAdwU7XrcTrm1BcsxdJ8Q1p7IxZ1GXuvgej/Tyw2e7dxvlXjFA8IA85"
    "ovOsM1SeaXBuf8Ai3dfglCYnLhOcm5cVmAzpIdVSGsP4ilh94z0qN0cwe5nm2dJ1H1ZMKt"
    "PfDFNxAORpDjK+Bb2DCjGHsCO1mvUEDAJhiIQvtbvpsKLOpXYJEK5O8ukL9OacfB1nRspw"
    "PF3vlIbCeMbpIKEiA054D+pf6QYLENHCLht354ROjT1bLQZgiVgbYvBtoqZvl4BtYqVJwh"
    "VVVV+2OHL+HzbC1bUJEnVLkdG63xDGgNGOS/g+SO/CzrVXZHVNdSoD6mFS+Llce0vKbK7t"
    "irN3zcVyWMf8t7lOzRRi6155hwHRqgJJDm6QanjrVSYp8sgNZ8XRAWVQw2R6awrtTOwPYM"
    "2SIBLI1CuRLK1NkvrAZZgjJD08gKvWt5t4MobNuq2Uw0S6n0yD7rkTGvqIdAcuUSkA5vAW"
    "u8z3QakM1FdpSV9UyJVClViWKeKjD5O7SAqsDkoXG9SmByaFuqw/UspZJW+sPk/LsdaaVS"
    "BrAMjbJ157dJNkpH0vglIB2edtVMuZMS70I4QxtwLFwkF9ovvKt6FTKvcoFDoWhmNwCvXN"
    "DgnmIseKWlXTcqnaJWOgXb22ZLtLZtvbQPcHm++4LIamC9GFvPrk/Bta6DSw0cLxet6FOK"
    "CuXII/YQXWzwmHkOtXY1hFl4sSFh1qazPslfFLjr2dzGYoc9m0ypXPZ7pqgUu+xlHcjNOo"
    "575KNvxc1GPyVLBTIkw/MEtIExuSMma5GGVtAwJX0vWUKFtwzeDsFKspYrRzg4vE+rpQKU"
    "ZAIIrRyVlEQmA62+fji0jsp8UsVisaXwObyo01bFzowKLRA9eRW7WPzkmyq3KoJ+ZltpR9"
    "k0ZMhnJmo1Pqqk1S6l1b3Li5LHOprpKCoOF39/tF6hgU36Hzmefn+05vS3miY9nHx9tOIe"
    "zedJt2Yy0l45gZ+OjIy/jmpsc28nVSKlJsWBUhNxQEeQES0hUGSphhY03HyF+HQ21cps4o"
    "iVl7fPXt50hajB6xyx4nWfee249squx2mOVPG5z3xOtvc60XgcreJ0nzkdy2w1GM2RKj73"
    "mc+JGF4rQyBLqzjda06rOOqBRdSqOOrvketV4qhDK6FchG2GRhV3FoTYRiZZySasGSKF6+"
    "YyHamJe8tIz7QKxJ4BXDXKM/PKCssyiuZvA8gOr9gzD232tRVjW8Uril4QvXMO8rphoFf0"
    "egPCvS+xoP1UPNqoSV4Ma61y5APDtqZrOXwtN/iXk3e3mpNZQ8n4jbVtf1tCDJbkurTkH8"
    "A2gIC9FICWDl6XNtANHRgYHKS+lDHjyhuD2Bo7Tj15h4eHb/Llbbu4YRU3ecYrr3zhnfrC"
    "n8nPkvGWxuP73De0bpxbGxUGbIEQXOqLDgkGF9TWSmGUOnZtZQjpkyGkWiFVZj+VrLCZo1"
    "TKe5Uam9kouS0VzYFmwI1zhTZzk01W5WwziDJW9wXyLWMJKJZqGcPDZlGWKCDA9S1w8Ogf"
    "ockx/Xv8nv49Cf6+/fENsBdE3AzjjfOSaQ16gaD5OYpnpqctO5QsM4JneprMYRdrQeNcJY"
    "B2mzokaOVdCKqwd/f3u4ZzcenxDBbKRAWW7QzVlg2luwltbcLxK2gojSxdGj2Wpn3s+uI1"
    "F4DX00KQuwu7bUXdsS1a4lhg+ysrWJcSdViwLjmytxXrXpDlS03nhGBwqnsrvWnm0IFzAw"
    "si9Qs3f5ZEiQBC3zbEnobhsyhXuMS5naHqDtmjPYE1o9jRhjwCr1axjCCm3lJa6Kc3pqKw"
    "kEFkbtrChNOKgKbk3zOifU9oE2xd23b6EuWr8WaEaoJaJTlNoteXitEshn64RupM/9WqAg"
    "1LoyQaUUFMemnZIMgskaozutHen5pBt7T0D67yw5iz8Wfe2M3BetFMbADZAZaM4LHNvraq"
    "0qWqdNlDuKLoRtoAC+L5spkAx4/R1YYEWquuzGfDNC+ILDkSOTOTk+NSdyYdpsF43E5KEc"
    "7JY8mYGOPxg6ua11SRivIChRpeyqDNkAwy2K1atFtZuFtO9VWFCtvHeE5ER0kXUEyiHEAS"
    "DiDPdrFmu7pIfC+2pWeIlCmdB3Xhki+vtvtcp8uZkHiAi0YTUcg5bb+1oLMKxSNvobWe2v"
    "Rv63aEnQo1JZpu8MM0TlRNf6ZLNQWkJwNS6TSE03YDXtAaZbwVImFUdDIgpZTRebx0bf9p"
    "ydBlRV+hFYMc1/ggtW/lMnlioBDJ5Kz1okQmp8OCDs67k8lVjF8LMX6UpbIlwlmawSk8rY"
    "QHqW7eXRawdonAXdfjGtP2Wa8cQX1lWOcg+Hi0IussfWkSm/bufa0O9DwiEeraEnpSyn2O"
    "cHjN0lqZ9TSWMNihJdvT8XRDK7N6dlIB67OTQqjpKdWdeEeq/gIatKShaT8ZIh9IofiXo1"
    "MKPw+tac+fCUS+hUVdNcrDYXhaVZquP9WqBAEwKuzpOwx7ivt5yUXocFQqRGdjiA7bN23L"
    "UBK2Udt+YVw1koSbXluEkmD7WRjuLePjv3CMqR0F1+/ZwlUpJIKcpfb4MB57hTwPPm3fQS"
    "i95G14xeHMVi78hgjzHqJ6qKXbL1v3Av0lusxA4YqS0LeNuqlc+W4vMdpxiNK+YNZqhFIW"
    "NJFLJAdriV8ky9FKzpGghEJICDxkYVreCy9R3McHebSAgk3HhC+DuAaD7AUkm2JhtHJMVX"
    "Ohc3+Ms4SieO9qxuuEuL9+gpFFJuY5eLQcl3yQP+Qb0XvIV/K3juW6iiW12I6as6JC8nzr"
    "lS1K2So377F0KppHwsSnEw1cnDxfbptg6QZomdgTS0QlA5SLVhRFV9PhWvBi/fPT/V1RQi"
    "lHyDPamGPwX0CrXba2wP194VvzoOjmzDdMbFjeIb3fP9pykJYwngKV4Xm8kB3cXvzOr3Ef"
    "bu4veWbSC1zm3j/dd6Rb82WphuYzaiUIQJlhv4vFLmbWbC2ZcsrTKdur6hHRWTZvpO5Jpv"
    "NmqRSym70FqklEs00iRJO4CXAD68qUueBAMeZe4QzID2QvfLj+MB0V7G9N4Dz85Oncvr6F"
    "02sXrTv2ZWYLNc5GoHqILjZcsDyHDGhmXj1EFxsSWO37I6K3sdAbkb6tG30RRjp0oyfiAo"
    "Q9rgD0nqM+I5b3Sv8HsUsDHIS9RgKvQeBmuLm+uwKO7y3BK3U+2D4WNDBp9MrCAtKszyXq"
    "acaXkVaui05dF4Rx9XqUs4QqlLDPxg3KKo28l3NbLpGFp+uvg6puSH/jHWri9U1OJeeolE"
    "ouMHao9q1toLr7XjA9W/dbtiSx8k8j1o4B1joac7o4tzpuNimpZrlVoZVslrvbRkY9Wymq"
    "Yrypj1EVY1L7umxiLinUZlmDykZ91mUHV9Bo4/Fj8m1OC77o4CBk9BswQwsys2jHTMMLQ+"
    "c8O/rPQi9ECw3D6V6NuaDzUbOXrqrTjqkd/ItSbXeq2lIOVEc1Gq2kRIGUqIIgNu0Cg7AT"
    "1DARKOuAsg70YYVS1oGmUFXKa6PSv1Jed6m87lajinyqJRpV6nWtoFExgyv7CP/Hi1x4Xu"
    "DNS9x4fwN/kn3boYBR4exPqvFQJRS8Lg0T0U6wS4hj7x85Z1jAcW0qbHjFbsO2bqY8iX3Z"
    "HMYl6lbE+jyyxZkCDEk/cgTobQeTI0DeKstCgjIxJRXRU5IOxflXNOtGom+hOZXverZMRe"
    "OUQBU3ypkZmE1C2tDA0aqIhD5bGnxHr2lQylIqg1Kv2azsHcre0XdUlb1DZllS9g5l7yiw"
    "dyR5N4X2DjYzZ6O9g80LqmLvIKz06H8WNFwEoAeoonoI/oyPe4HZAQYqJbAXAiOG5BUerb"
    "+e0XoM6DQkf9FXTD3MX3xCrI+BHTyaR9eTF2hSZpLph0zKoZVhkT/w67eKJV6UGaNLM4Zq"
    "IhaXYK6iLJ8VK8tnOWUZG9iU7RrG0vS5vHtNkI8r1Sw4LqlZcJyvWWCiF5HZp3BpSMYroV"
    "AgaqviQl0XF0o2XBlbcoaoH9bkQVWcUfXzO5v/KtyqeHEfbulvZRMdGtcFNtIkM7liM8G8"
    "MUq1yI6nf5cJ31PoEv38Z9f2nZHAvsGeHpcZN3AwUHtKRqpG2apRNoe2apStGmX3EGPVwL"
    "kF44Jq4LyDMHylynamyj6jNW0LKZBZp+hrwZrB0gxgNpcpK1e/T8sNNYmucnN/93M8nLfe"
    "SLUn5z2vW6oTlb2u/YymalyLUO3bW2jfzmpN0g3cQ+KAtrCFO6+WNdTEfWo7xnwk0heDE+"
    "NSTTEZolREpSIqFVEg8ikVsWcYK2mvE2lPaeVdxIG2FkunRMQ2REQqLsnLhpSqWCqMRbCG"
    "xMEL5Bri7nXRmVKBEKZjdiIRqmjDFqINa1j9dmLr6072O63SG46MKpZLTvP94RxHBuFo+A"
    "DRbadFkm1hZAmiFoqDtRiS7kO12t/PWg3K6k5QEWxm3/4fSua3dg=="
)
