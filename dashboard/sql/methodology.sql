SELECT yaml FROM methodology LIMIT 1;
