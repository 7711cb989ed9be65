-- SqlReviewQueueRepository.count: one creator's pages ("User 7"), read through the creator index
-- Relies on review_page_creator_idx (statement 3 of 3; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 3
select coalesce(sum(n), 0) as s0, coalesce(sum(n), 0) as s1
     
from review_queue_count
where wiki = ?
and namespace = ?
and ((status = 0)
and (is_redirect = 0)
and (nominated = 0));

-- statement 2 of 3
select count(*) as "n"
from (select "page_id"
from review_page as "review_page" indexed by "review_page_creator_idx"
where "wiki" = ?
and "creator_name" = ?
and "namespace" = ?
limit ?) as "c";

-- statement 3 of 3
select count(*) as "n"
from review_page as "review_page" indexed by "review_page_creator_idx"
where "wiki" = ?
and "namespace" = ?
and ("is_reviewed" = 0
and ("is_redirect" = 0
and "nominated" = 0))
and "creator_name" = ?;
