-- SqlPageRepository.getManyByTitles: pages of titles in two namespaces
-- Relies on page_title_uq (statement 1 of 1; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u` and TEST_POSTGRES_URL set.

-- statement 1 of 1
select *
from "page"
where "wiki" = $1
and "namespace" = $2
and "title" = any($3::text[])
union all
select *
from "page"
where "wiki" = $4
and "namespace" = $5
and "title" = any($6::text[]);
