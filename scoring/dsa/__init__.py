"""Import of the EU DSA Transparency Database's daily dumps into the warehouse."""
