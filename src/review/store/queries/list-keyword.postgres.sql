-- SqlReviewQueueRepository.list: a rare keyword ("Zyxwvq"), candidates from the substring index
-- Relies on review_page_snippet_idx (statement 4 of 5; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u` and TEST_POSTGRES_URL set.

-- statement 1 of 5
select *
from "review_queue_count"
where "wiki" = $1
and "namespace" = $2;

-- statement 2 of 5
select "snippet" as text
from "review_page" tablesample system (1)
limit $1;

-- statement 3 of 5
select reltuples::float8 as n
from pg_class
where oid = $1::regclass;

-- statement 4 of 5
select "queue_id" as id
from "review_page"
where "snippet" like $1
and "snippet" like $2
limit $3;

-- statement 5 of 5
select "page_id", "namespace", "title", "status", "created_at", "reviewed_updated", "tags_updated", "last_reviewed_by", "reviewer_name", "link_count", "category_count", "rev_count", "page_len", "snippet", "creator_id", "creator_name", "creator_editcount", "creator_registration", "creator_experience", "afc_state", "copyvio_rev_id", "ores_articlequality", "ores_draftquality", is_redirect | (nominated << 1) | (has_metadata << 2) | (csd << 3) | (prod << 4) | (blp_prod << 5) | (afd << 6) | (creator_autoconfirmed << 7) | (creator_bot << 8) | (creator_autopatrol << 9) | (creator_blocked << 10) | (has_reference << 11) | (recreated << 12) as "flags"
from "review_page"
where "queue_id" in (select "queue_id"
from review_page as "review_page"
where "wiki" = $1
and "namespace" = $2
and 1 = 1
and "queue_id" = any($3::int8[])
and strpos("snippet", $4) > 0
order by "created_at" desc, "page_id" desc
limit 21)
order by "created_at" desc, "page_id" desc;
