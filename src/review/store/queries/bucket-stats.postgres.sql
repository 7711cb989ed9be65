-- SqlReviewQueueRepository.bucketStats: count and oldest review time of the unreviewed articles
-- Relies on review_page_bucket_review_idx (statement 3 of 3; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u` and TEST_POSTGRES_URL set.

-- statement 1 of 3
select coalesce(sum("n"), 0) as "n"
from "review_queue_count"
where "wiki" = $1
and "namespace" = $2
and "status" in ($3)
and "is_redirect" = $4;

-- statement 2 of 3
select "reviewed_updated"
from review_page as "review_page"
where "wiki" = $1
and "namespace" = $2
and "is_redirect" = $3
and "status" in ($4)
and ("is_reviewed" = $5
and "nominated" = $6)
order by "reviewed_updated"
limit $7;

-- statement 3 of 3
select "reviewed_updated"
from review_page as "review_page"
where "wiki" = $1
and "namespace" = $2
and "is_redirect" = $3
and "status" in ($4)
and ("is_reviewed" = $5
and "nominated" = $6)
order by "reviewed_updated"
limit $7;
