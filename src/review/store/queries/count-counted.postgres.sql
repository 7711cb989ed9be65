-- SqlReviewQueueRepository.count: a filter of counted conditions only, answered by the counters
-- Relies on review_queue_count_pk (statement 1 of 1; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u` and TEST_POSTGRES_URL set.

-- statement 1 of 1
select coalesce(sum(n), 0) as s0, coalesce(sum(case when ((status = 0)
and (is_redirect = 0)
and (nominated = 0)
and (no_category = 1)) then n else 0 end), 0) as s1
     
from review_queue_count
where wiki = $1
and namespace = $2
and ((status = 0)
and (is_redirect = 0)
and (nominated = 0));
