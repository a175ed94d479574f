"""`coachbot-sync`, the companion on the athlete's computer: BLE sensors and watch files in,
an offline SQLite queue, batches out to the server's devices API. Imports nothing of the
server (import-linter checks it)."""
