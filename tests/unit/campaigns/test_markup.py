"""Telegram's HTML subset (https://core.telegram.org/bots/api#html-style)."""

from __future__ import annotations

import pytest

from domain.campaigns.markup import checked_html
from domain.errors import InvalidValueError


@pytest.mark.parametrize(
    "text",
    [
        "<b>Sale</b> -20% on <i>plans</i>",
        '<a href="https://example.com">shop</a> &lt;3',
        "<tg-spoiler>secret</tg-spoiler> <code>CODE</code> <blockquote>q</blockquote>",
        "plain text",
    ],
)
def test_accepts_what_telegram_accepts(text: str) -> None:
    assert checked_html(text) == text


@pytest.mark.parametrize(
    ("text", "tag"),
    [
        ("<b>open", "<b>"),
        ("<div>block</div>", "<div>"),
        ("<b><i>crossed</b></i>", "</b>"),
        ("1 < 2", "<"),
        ("<a>no link</a>", "<a> without href"),
    ],
)
def test_refuses_broken_markup_naming_the_tag(text: str, tag: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        checked_html(text)
    assert error.value.reason == "bad_html"
    assert error.value.params["tag"] == tag


@pytest.mark.parametrize("text", ["", "   ", "<b></b>"])
def test_refuses_an_empty_text(text: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        checked_html(text)
    assert error.value.reason == "empty"


def test_refuses_more_than_telegram_takes() -> None:
    with pytest.raises(InvalidValueError) as error:
        checked_html("x" * 4097)
    assert error.value.reason == "too_long"
