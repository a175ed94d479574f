"""Training plans: goals read from free text, week-by-week plans and their weekly adaptation."""
