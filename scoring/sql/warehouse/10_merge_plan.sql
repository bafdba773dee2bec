-- Compare a validated, pseudonymised staging batch with the warehouse's items, and update the
-- items already present. Expects a temporary view `staging` with the columns of `items`
-- (import_id set) and the victim profile columns. An item already present is updated in place
-- when the new extract is at least as recent and something changed; an older extract never
-- overwrites. 20_insert_items.sql then adds the new items, reading `merge_plan` as `incoming`.

CREATE OR REPLACE TEMP TABLE merge_plan AS
SELECT s.*,
       CASE
           WHEN i.item_key IS NULL THEN 'new'
           WHEN s.as_of < i.as_of THEN 'stale'
           WHEN (s.case_key, s.platform_slug, s.unregistered_platform, s.host, s.content_digest,
                 s.reported_at, s.first_response_at, s.removed_at, s.outcome, s.channel,
                 s.follow_ups)
                IS DISTINCT FROM
                (i.case_key, i.platform_slug, i.unregistered_platform, i.host, i.content_digest,
                 i.reported_at, i.first_response_at, i.removed_at, i.outcome, i.channel,
                 i.follow_ups)
               THEN 'updated'
           ELSE 'unchanged'
       END AS change
FROM staging AS s
LEFT JOIN items AS i USING (item_key);

UPDATE items SET
    case_key = p.case_key, platform_slug = p.platform_slug,
    unregistered_platform = p.unregistered_platform, host = p.host,
    content_digest = p.content_digest, reported_at = p.reported_at,
    first_response_at = p.first_response_at, removed_at = p.removed_at, outcome = p.outcome,
    channel = p.channel, follow_ups = p.follow_ups, as_of = p.as_of, import_id = p.import_id
FROM merge_plan AS p
WHERE items.item_key = p.item_key AND p.change = 'updated';

-- An unchanged item seen in a newer extract is still unresolved later: move its censoring time.
UPDATE items SET as_of = p.as_of
FROM merge_plan AS p
WHERE items.item_key = p.item_key AND p.change = 'unchanged' AND p.as_of > items.as_of;
