-- SqlReviewQueueRepository.countReviewedSince: articles reviewed since a time (pagetriagestats)
-- Relies on review_page_bucket_review_idx (statement 1 of 1; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 1
select (select coalesce(sum("n"), 0) as "n"
from "review_reviewed_count"
where "wiki" = ?
and "namespace" = ?
and "is_redirect" = ?
and "status" in (?, ?, ?)
and "period" >= ?) as "counted", (select count(*) as "n"
from review_page as "review_page" indexed by "review_page_bucket_review_idx"
where "wiki" = ?
and "namespace" = ?
and "is_reviewed" = ?
and "is_redirect" = ?
and "nominated" in (?, ?)
and "reviewed_updated" >= ?
and "reviewed_updated" < ?
and "status" in (?, ?, ?)) as "partial";
