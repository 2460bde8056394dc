CREATE TABLE "answer_tallies" (
	"question_id" text NOT NULL,
	"response" text NOT NULL,
	"success" boolean NOT NULL,
	"quiz_id" text NOT NULL,
	"course_id" text NOT NULL,
	"question_title" text,
	"answers" integer NOT NULL,
	CONSTRAINT "answer_tallies_question_id_response_success_pk" PRIMARY KEY("question_id","response","success")
);
--> statement-breakpoint
CREATE TABLE "course_progress" (
	"actor_ifi" text NOT NULL,
	"course_id" text NOT NULL,
	"account_name" text,
	"mbox_email" text,
	"actor_name" text,
	"course_title" text,
	"started_at" timestamp with time zone NOT NULL,
	"last_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	CONSTRAINT "course_progress_actor_ifi_course_id_pk" PRIMARY KEY("actor_ifi","course_id")
);
--> statement-breakpoint
CREATE TABLE "item_progress" (
	"actor_ifi" text NOT NULL,
	"item_id" text NOT NULL,
	"course_id" text NOT NULL,
	"item_title" text,
	"started_at" timestamp with time zone NOT NULL,
	"completed_at" timestamp with time zone,
	"attempts" integer NOT NULL,
	"best_score" double precision,
	"last_score" double precision,
	"last_scored_at" timestamp with time zone,
	CONSTRAINT "item_progress_actor_ifi_item_id_pk" PRIMARY KEY("actor_ifi","item_id")
);
--> statement-breakpoint
CREATE INDEX "answer_tallies_course_idx" ON "answer_tallies" USING btree ("course_id","quiz_id");--> statement-breakpoint
CREATE INDEX "course_progress_course_idx" ON "course_progress" USING btree ("course_id","completed_at");--> statement-breakpoint
CREATE INDEX "course_progress_account_idx" ON "course_progress" USING btree ("account_name");--> statement-breakpoint
CREATE INDEX "course_progress_email_idx" ON "course_progress" USING btree ("mbox_email");--> statement-breakpoint
CREATE INDEX "item_progress_course_idx" ON "item_progress" USING btree ("course_id");--> statement-breakpoint
ALTER TABLE "profiles" ADD COLUMN "name" text;--> statement-breakpoint
CREATE INDEX "profiles_name_idx" ON "profiles" USING btree (lower("name"),"learner_id");
--> statement-breakpoint
UPDATE "profiles" SET "name" = "record"->'profile'->>'name';
--> statement-breakpoint
-- Backfill: the progress of every statement already stored (src-hub/xapi/progress.ts, backfillProgressSql).
with facts as (
  select s.actor_ifi, s.verb_id, s."timestamp" as ts, s.activity_id,
    s.statement->'object'->'definition'->>'type' as object_type,
    s.statement->'object' as object, s.statement->'actor'->>'name' as actor_name, s.statement->'result' as result,
    case when s.statement->'object'->'definition'->>'type' = 'http://adlnet.gov/expapi/activities/course' then s.statement->'object'
      else (select a from jsonb_array_elements(ctx.acts) a where a->'definition'->>'type' = 'http://adlnet.gov/expapi/activities/course' limit 1) end as course,
    coalesce((select a->>'id' from jsonb_array_elements(ctx.parents) a where a->'definition'->>'type' = 'http://adlnet.gov/expapi/activities/assessment' limit 1), ctx.parents->0->>'id', '') as quiz_id
  from statements s
  cross join lateral (select coalesce(case when jsonb_typeof(s.statement->'context'->'contextActivities'->'parent') = 'array' then s.statement->'context'->'contextActivities'->'parent' end, '[]'::jsonb) as parents) p
  cross join lateral (select p.parents as parents, p.parents || coalesce(case when jsonb_typeof(s.statement->'context'->'contextActivities'->'grouping') = 'array' then s.statement->'context'->'contextActivities'->'grouping' end, '[]'::jsonb) as acts) ctx
  where s.voided = false and s.activity_id is not null and (true)
),
w0 as (insert into course_progress (actor_ifi, course_id, account_name, mbox_email, actor_name, course_title, started_at, last_at, completed_at)
select actor_ifi, course->>'id',
  case when left(actor_ifi, 41) = 'account:https://advocate.studio/learners|' then substr(actor_ifi, 42) end,
  case when left(actor_ifi, 12) = 'mbox:mailto:' then substr(actor_ifi, 13) end,
  max(actor_name), max(coalesce(course->'definition'->'name'->>'en-US', course->'definition'->'name'->>'en', (select n.value from jsonb_each_text(course->'definition'->'name') n limit 1))), min(ts), max(ts),
  min(ts) filter (where verb_id = 'http://adlnet.gov/expapi/verbs/completed' and object_type = 'http://adlnet.gov/expapi/activities/course')
from facts where course->>'id' is not null and octet_length(actor_ifi) + octet_length(course->>'id') <= 2400
group by actor_ifi, course->>'id'),
w1 as (insert into item_progress (actor_ifi, item_id, course_id, item_title, started_at, completed_at, attempts, best_score, last_score, last_scored_at)
select actor_ifi, activity_id, min(course->>'id'), max(coalesce(object->'definition'->'name'->>'en-US', object->'definition'->'name'->>'en', (select n.value from jsonb_each_text(object->'definition'->'name') n limit 1))), min(ts),
  min(ts) filter (where verb_id in ('http://adlnet.gov/expapi/verbs/completed', 'http://adlnet.gov/expapi/verbs/passed')),
  (count(*) filter (where verb_id in ('http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed')))::int,
  max((result->'score'->>'scaled')::float8) filter (where verb_id in ('http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed')),
  (array_agg((result->'score'->>'scaled')::float8 order by ts desc) filter (where verb_id in ('http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed') and (result->'score'->>'scaled')::float8 is not null))[1],
  max(ts) filter (where verb_id in ('http://adlnet.gov/expapi/verbs/passed', 'http://adlnet.gov/expapi/verbs/failed') and (result->'score'->>'scaled')::float8 is not null)
from facts
where course->>'id' is not null and octet_length(actor_ifi) + octet_length(activity_id) <= 2400
  and object_type is distinct from 'http://adlnet.gov/expapi/activities/course'
  and object_type is distinct from 'http://adlnet.gov/expapi/activities/module' and object_type is distinct from 'http://adlnet.gov/expapi/activities/cmi.interaction'
group by actor_ifi, activity_id)
insert into answer_tallies (question_id, response, success, quiz_id, course_id, question_title, answers)
select activity_id, result->>'response', (result->>'success')::boolean, min(quiz_id), coalesce(min(course->>'id'), ''),
  max(coalesce(object->'definition'->'name'->>'en-US', object->'definition'->'name'->>'en', (select n.value from jsonb_each_text(object->'definition'->'name') n limit 1))), count(*)::int
from facts
where verb_id = 'http://adlnet.gov/expapi/verbs/answered' and object_type = 'http://adlnet.gov/expapi/activities/cmi.interaction'
  and jsonb_typeof(result->'success') = 'boolean' and length(result->>'response') <= 200
  and octet_length(activity_id) + octet_length(result->>'response') <= 2400
group by activity_id, result->>'response', (result->>'success')::boolean;
