"""XP, levels, streaks, achievements and weekly leagues for every athlete."""
