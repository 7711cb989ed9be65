-- SqlReviewQueueRepository.list: a rare keyword ("Zyxwvq"), candidates from the substring index
-- Relies on review_page_snippet_idx (statement 6 of 7; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 7
select *
from "review_queue_count"
where "wiki" = ?
and "namespace" = ?;

-- statement 2 of 7
select rowid as id
from "review_page_snippet_idx"
where "review_page_snippet_idx" match ?
order by rowid desc
limit ?;

-- statement 3 of 7
select rowid as id
from "review_page_snippet_idx"
where "review_page_snippet_idx" match ?
order by rowid desc
limit ?;

-- statement 4 of 7
select rowid as id
from "review_page_snippet_idx"
where "review_page_snippet_idx" match ?
order by rowid desc
limit ?;

-- statement 5 of 7
select rowid as id
from "review_page_snippet_idx"
where "review_page_snippet_idx" match ?
order by rowid desc
limit ?;

-- statement 6 of 7
select rowid as id
from "review_page_snippet_idx"
where "review_page_snippet_idx" match ?
limit ?;

-- statement 7 of 7
select "page_id", "namespace", "title", "status", "created_at", "reviewed_updated", "tags_updated", "last_reviewed_by", "reviewer_name", "link_count", "category_count", "rev_count", "page_len", "snippet", "creator_id", "creator_name", "creator_editcount", "creator_registration", "creator_experience", "afc_state", "copyvio_rev_id", "ores_articlequality", "ores_draftquality", is_redirect | (nominated << 1) | (has_metadata << 2) | (csd << 3) | (prod << 4) | (blp_prod << 5) | (afd << 6) | (creator_autoconfirmed << 7) | (creator_bot << 8) | (creator_autopatrol << 9) | (creator_blocked << 10) | (has_reference << 11) | (recreated << 12) as "flags"
from "review_page"
where "queue_id" in (select "queue_id"
from review_page as "review_page"
where "wiki" = ?
and "namespace" = ?
and 1 = 1
and "queue_id" in (select value
from json_each(?))
and instr("snippet", ?) > 0
order by "created_at" desc, "page_id" desc
limit 21)
order by "created_at" desc, "page_id" desc;
