"""Admins and promotional campaigns: rights, composing, and durable rate-limited delivery."""
