-- SqlPageRepository.getManyByTitles: pages of titles in two namespaces
-- Relies on page_title_uq (statement 1 of 1; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 1
select *
from "page"
where "wiki" = ?
and "namespace" = ?
and "title" in (select value
from json_each(?))
union all
select *
from "page"
where "wiki" = ?
and "namespace" = ?
and "title" in (select value
from json_each(?));
