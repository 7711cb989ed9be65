-- SqlPageRepository.existingTitles: which creators' user and user-talk pages exist (pagetriagelist's links)
-- Relies on page_title_uq (statement 1 of 1; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 1
select "namespace", "title"
from "page"
where "wiki" = ?
and "namespace" in (?, ?)
and "title" in (select value
from json_each(?));
