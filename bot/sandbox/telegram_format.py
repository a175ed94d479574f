"""How Telegram reads HTML texts and inline keyboards."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre",
     "span", "tg-spoiler", "blockquote", "tg-emoji"}
)  # fmt: skip
MAX_CALLBACK_DATA = 64
BUTTON_ACTIONS = ("url", "switch_inline_query", "web_app", "copy_text", "login_url", "pay")


class _TelegramHtml(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.open: list[str] = []
        self.error: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in ALLOWED_TAGS:
            self.error = self.error or f'unsupported start tag "{tag}"'
        self.open.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.open or self.open[-1] != tag:
            self.error = self.error or f'unexpected end tag "{tag}"'
            return
        self.open.pop()

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def parse_html(text: str) -> tuple[str, str | None]:
    """The text without markup, and Telegram's complaint when the markup is broken."""
    if "<" in text.replace("&lt;", ""):
        bare = [index for index, char in enumerate(text) if char == "<"]
        for index in bare:
            following = text[index + 1 : index + 2]
            if not (following.isalpha() or following == "/"):
                return "", f"unsupported start tag at byte offset {index}"
    parser = _TelegramHtml()
    parser.feed(text)
    parser.close()
    if parser.error is None and parser.open:
        parser.error = f'can\'t find end tag corresponding to start tag "{parser.open[-1]}"'
    return "".join(parser.parts), parser.error


def markup_errors(markup: Any) -> str | None:
    """What Telegram would refuse in a reply markup, or None."""
    if not isinstance(markup, dict):
        return "can't parse reply keyboard markup JSON object"
    rows = markup.get("inline_keyboard")
    if rows is None:
        return None
    if not isinstance(rows, list) or not all(isinstance(row, list) for row in rows):
        return 'field "inline_keyboard" of the InlineKeyboardMarkup must be an Array of Arrays'
    errors = (_button_error(button) for row in rows for button in row)
    return next((error for error in errors if error), None)


def _button_error(button: Any) -> str | None:
    if not isinstance(button, dict) or not button.get("text"):
        return "BUTTON_TEXT_EMPTY"
    data = button.get("callback_data")
    if data is not None:
        return None if 1 <= len(str(data).encode()) <= MAX_CALLBACK_DATA else "BUTTON_DATA_INVALID"
    if not any(key in button for key in BUTTON_ACTIONS):
        return 'can\'t find field "callback_data" or another button action'
    return None


def keyboard_rows(markup: Any) -> list[list[tuple[str, str]]]:
    """An inline keyboard as rows of (text, callback data or URL)."""
    if not isinstance(markup, dict):
        return []
    rows = markup.get("inline_keyboard") or []
    return [
        [
            (button["text"], button.get("callback_data") or button.get("url") or "")
            for button in row
        ]
        for row in rows
    ]
