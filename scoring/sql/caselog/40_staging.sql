-- The validated log, pseudonymised: the rows scoring/sql/warehouse/ merges into the warehouse.
-- Pseudonyms are HMAC-SHA256 under the data directory's key, computed here from SHA-256:
--   HMAC(K, m) = H((K xor opad) || H((K xor ipad) || m))
-- with the two padded keys (variables hmac_inner, hmac_outer) prepared in Python, and
-- m = kind || 0x1F || parts joined by 0x1F, as scoring/caselog/pseudonym.py defines them.
-- Case keys and content digests are computed once per distinct value. `staging` is a view:
-- the item keys are computed once, while the merge plan is built or the items inserted.

CREATE OR REPLACE TEMP MACRO pseudonym(kind, message) AS
    sha256(getvariable('hmac_outer')
           || unhex(sha256(getvariable('hmac_inner') || encode(kind || chr(31) || message))));

CREATE OR REPLACE TEMP TABLE case_keys AS
SELECT case_ref, pseudonym('case', case_ref) AS case_key
FROM (SELECT DISTINCT case_ref FROM checked);

CREATE OR REPLACE TEMP TABLE url_keys AS
WITH digests AS (
    SELECT normal, pseudonym('url', normal) AS content_digest
    FROM (SELECT DISTINCT normal FROM log_urls WHERE host IS NOT NULL)
)
SELECT u.url_id, d.content_digest
FROM log_urls AS u
JOIN digests AS d USING (normal);

CREATE OR REPLACE TEMP VIEW staging AS
SELECT pseudonym('item', c.case_ref || chr(31) || c.item_ref) AS item_key, k.case_key,
       c.platform_slug, c.unregistered_platform, c.host, u.content_digest,
       c.reported_utc AS reported_at, c.first_response_utc AS first_response_at,
       c.removed_utc AS removed_at, c.outcome_v AS outcome, c.channel_v AS channel,
       c.follow_ups_v AS follow_ups, getvariable('as_of')::TIMESTAMP AS as_of,
       getvariable('import_id')::INTEGER AS import_id, c.victim_gender_v AS victim_gender,
       c.perpetrator_relation_v AS perpetrator_relation
FROM checked AS c
JOIN case_keys AS k USING (case_ref)
LEFT JOIN url_keys AS u USING (url_id);
