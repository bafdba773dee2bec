-- The methodology file's text, exactly as scored.
SELECT yaml FROM methodology;
