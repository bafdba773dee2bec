-- EU DSA Transparency Database figures per platform, month/quarter and NCII set (public data
-- about platforms, self-reported; attribution in dsa_meta and the datapackage).
SELECT * FROM dsa_figures ORDER BY platform, period_type, period, ncii_set;
