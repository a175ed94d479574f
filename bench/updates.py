"""Telegram updates as the load test posts them: a realistic mix from seeded athletes."""

from __future__ import annotations

import random
import time
from typing import Any

from bench.fake_botapi import BOT_USER
from handlers.workout_callbacks import JournalCb

MIX = (("start", 20), ("journal", 30), ("journal_button", 30), ("log", 20))
LOGS = (
    "run 5 km 30 min hr 150", "ride 40km 1h30 rpe 6", "swim 1500m 35min",
    "gym squat 5x5 100kg bench 3x8 60kg 50 min", "walk 6 km 70 min", "run 10 km 52 min",
)  # fmt: skip


def _person(user_id: int) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": "Athlete", "language_code": "en"}


def message(update_id: int, user_id: int, text: str) -> dict[str, Any]:
    body: dict[str, Any] = {
        "message_id": update_id,
        "date": int(time.time()),
        "chat": {"id": user_id, "type": "private", "first_name": "Athlete"},
        "from": _person(user_id),
        "text": text,
    }
    if text.startswith("/"):
        length = len(text.split(maxsplit=1)[0])
        body["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
    return {"update_id": update_id, "message": body}


def press(update_id: int, user_id: int, data: str) -> dict[str, Any]:
    return {
        "update_id": update_id,
        "callback_query": {
            "id": f"cq{update_id}",
            "from": _person(user_id),
            "chat_instance": f"ci{user_id}",
            "data": data,
            "message": {
                "message_id": 1,
                "date": int(time.time()),
                "chat": {"id": user_id, "type": "private", "first_name": "Athlete"},
                "from": BOT_USER,
                "text": "journal",
            },
        },
    }


def update(rng: random.Random, update_id: int, user_id: int) -> dict[str, Any]:
    """One update of the mix: /start, /journal, a journal page button or a one-line /log."""
    kind = rng.choices([name for name, _ in MIX], [weight for _, weight in MIX])[0]
    if kind == "start":
        return message(update_id, user_id, "/start")
    if kind == "journal":
        return message(update_id, user_id, "/journal")
    if kind == "log":
        return message(update_id, user_id, "/log " + rng.choice(LOGS))
    return press(update_id, user_id, JournalCb(page=rng.randint(1, 20)).pack())


def kind_of(payload: dict[str, Any]) -> str:
    if "callback_query" in payload:
        return "journal_button"
    return str(payload["message"]["text"]).split()[0].lstrip("/")
