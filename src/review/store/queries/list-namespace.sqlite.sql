-- SqlReviewQueueRepository.list: every state and type, through the namespace index
-- Relies on review_page_namespace_created_idx (statement 1 of 1; the test checks its plan).
-- Generated from the real code by test/review/review-queue-sql.test.ts; do not edit: regenerate
-- with `npx vitest run test/review/review-queue-sql.test.ts -u`.

-- statement 1 of 1
select "page_id", "namespace", "title", "status", "created_at", "reviewed_updated", "tags_updated", "last_reviewed_by", "reviewer_name", "link_count", "category_count", "rev_count", "page_len", "snippet", "creator_id", "creator_name", "creator_editcount", "creator_registration", "creator_experience", "afc_state", "copyvio_rev_id", "ores_articlequality", "ores_draftquality", is_redirect | (nominated << 1) | (has_metadata << 2) | (csd << 3) | (prod << 4) | (blp_prod << 5) | (afd << 6) | (creator_autoconfirmed << 7) | (creator_bot << 8) | (creator_autopatrol << 9) | (creator_blocked << 10) | (has_reference << 11) | (recreated << 12) as "flags"
from review_page as "review_page" indexed by "review_page_namespace_created_idx"
where "wiki" = ?
and "namespace" = ?
and 1 = 1
and 1 = 1
order by "created_at" desc, "page_id" desc
limit 21;
