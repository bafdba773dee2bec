SELECT * FROM form_audits;
