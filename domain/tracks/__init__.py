"""Workouts recorded from a live location shared in Telegram."""
