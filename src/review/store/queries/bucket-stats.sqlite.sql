-- SqlReviewQueueRepository.bucketStats: count and oldest review time of the unreviewed articles
-- Relies on review_page_bucket_review_idx (statement 3 of 3; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 3
select coalesce(sum("n"), 0) as "n"
from "review_queue_count"
where "wiki" = ?
and "namespace" = ?
and "status" in (?)
and "is_redirect" = ?;

-- statement 2 of 3
select "reviewed_updated"
from review_page as "review_page" indexed by "review_page_bucket_review_idx"
where "wiki" = ?
and "namespace" = ?
and "is_redirect" = ?
and "status" in (?)
and ("is_reviewed" = ?
and "nominated" = ?)
order by "reviewed_updated"
limit ?;

-- statement 3 of 3
select "reviewed_updated"
from review_page as "review_page" indexed by "review_page_bucket_review_idx"
where "wiki" = ?
and "namespace" = ?
and "is_redirect" = ?
and "status" in (?)
and ("is_reviewed" = ?
and "nominated" = ?)
order by "reviewed_updated"
limit ?;
