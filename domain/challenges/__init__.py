"""Challenges: organizers' competitions over the athletes' own workouts."""
