-- Add the batch's new items and its new or changed case profiles. Expects a view `incoming`:
-- the merge plan (10_merge_plan.sql), or, into a warehouse without items, `staging` with every
-- row marked new (comparing with nothing would only copy the whole batch once more).

INSERT INTO cases
SELECT DISTINCT case_key, victim_gender, perpetrator_relation
FROM incoming
WHERE change IN ('new', 'updated')
ON CONFLICT (case_key) DO UPDATE SET
    victim_gender = excluded.victim_gender,
    perpetrator_relation = excluded.perpetrator_relation;

INSERT INTO items
SELECT item_key, case_key, platform_slug, unregistered_platform, host, content_digest,
       reported_at, first_response_at, removed_at, outcome, channel, follow_ups, as_of,
       import_id
FROM incoming
WHERE change = 'new';
