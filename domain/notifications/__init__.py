"""Workout reminders and weekly digests: when they are due, claimed once, sent through a port."""
