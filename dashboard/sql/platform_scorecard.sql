SELECT * FROM scorecard_platform WHERE slug = $slug;
