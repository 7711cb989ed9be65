-- SqlReviewQueueRepository.countReviewedSince: articles reviewed since a time (pagetriagestats)
-- Relies on review_page_namespace_review_idx (statement 1 of 1; the test checks its plan).
-- PostgreSQL's planner picks it over review_page_bucket_review_idx: it reads the hour's range of review times in the namespace and tests the bucket on each row.
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u` and TEST_POSTGRES_URL set.

-- statement 1 of 1
select (select coalesce(sum("n"), 0) as "n"
from "review_reviewed_count"
where "wiki" = $1
and "namespace" = $2
and "is_redirect" = $3
and "status" in ($4, $5, $6)
and "period" >= $7) as "counted", (select count(*) as "n"
from review_page as "review_page"
where "wiki" = $8
and "namespace" = $9
and "is_reviewed" = $10
and "is_redirect" = $11
and "nominated" in ($12, $13)
and "reviewed_updated" >= $14
and "reviewed_updated" < $15
and "status" in ($16, $17, $18)) as "partial";
