"""Telegram's HTML subset: what a promotion's text may contain."""

from __future__ import annotations

from html.parser import HTMLParser

from domain.campaigns.models import Button
from domain.errors import InvalidValueError
from domain.users.start_links import parse_start_payload

MAX_BUTTON_TEXT = 64
MAX_TARGET = 256

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
     "span", "tg-spoiler", "blockquote", "tg-emoji"}
)  # fmt: skip


class _Checker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.open: list[str] = []
        self.error: str | None = None
        self.plain: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f"<{tag}>"
        elif tag == "a" and not dict(attrs).get("href"):
            self.error = self.error or "<a> without href"
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.error = self.error or f"</{tag}>"
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.plain.append(data)


def checked_html(text: str, limit: int = 4096) -> str:
    """The text when Telegram would accept it as HTML; a stray `<`, an unknown tag or one
    left open is refused with the offending tag named."""
    text = text.strip()
    if not text:
        raise InvalidValueError("campaign_text", "empty")
    for index, char in enumerate(text):
        following = text[index + 1 : index + 2]
        if char == "<" and not (following.isalpha() or following == "/"):
            raise InvalidValueError("campaign_text", "bad_html", tag="<")
    checker = _Checker()
    checker.feed(text)
    checker.close()
    if checker.error is None and checker.open:
        checker.error = f"<{checker.open[-1]}>"
    if checker.error is not None:
        raise InvalidValueError("campaign_text", "bad_html", tag=checker.error)
    if not "".join(checker.plain).strip():
        raise InvalidValueError("campaign_text", "empty")
    if len("".join(checker.plain)) > limit:
        raise InvalidValueError("campaign_text", "too_long", limit=limit)
    return text


def checked_button(line: str) -> Button:
    """`Label | https://…` or `Label | promo_CODE` (any /start payload the bot knows)."""
    label, bar, target = line.partition("|")
    label, target = " ".join(label.split()), target.strip()
    if not bar or not label or not target or len(label) > MAX_BUTTON_TEXT:
        raise InvalidValueError("campaign_button", "format")
    button = Button(label, target)
    if button.is_url:
        if len(target) > MAX_TARGET or any(char.isspace() for char in target):
            raise InvalidValueError("campaign_button", "bad_url")
        return button
    if parse_start_payload(target) is None:
        raise InvalidValueError("campaign_button", "bad_link")
    return button
