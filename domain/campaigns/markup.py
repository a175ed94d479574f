"""Telegram's HTML subset: what a promotion's text may contain."""

from __future__ import annotations

from html.parser import HTMLParser

from domain.errors import InvalidValueError

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


def checked_html(text: str) -> str:
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
    if len("".join(checker.plain)) > 4096:
        raise InvalidValueError("campaign_text", "too_long", limit=4096)
    return text
