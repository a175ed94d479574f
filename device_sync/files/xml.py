"""Safe XML for GPX and TCX: defusedxml refuses entity bombs and external entities."""

from __future__ import annotations

import math
from datetime import UTC, datetime
from xml.etree.ElementTree import Element

import defusedxml.ElementTree as SafeTree
from defusedxml import DefusedXmlException

from domain.activities.errors import FileRefusedError, Refusal


def root_of(content: bytes) -> Element:
    try:
        root: Element = SafeTree.fromstring(content)
    except (SafeTree.ParseError, DefusedXmlException, ValueError, LookupError) as error:
        raise FileRefusedError(Refusal.NOT_XML) from error
    return root


def local(tag: str) -> str:
    """The tag without its namespace: GPX 1.0/1.1 and extensions differ only there."""
    return tag.rsplit("}", 1)[-1]


def children(element: Element, name: str) -> list[Element]:
    return [child for child in element if local(child.tag) == name]


def child(element: Element, name: str) -> Element | None:
    for item in element:
        if local(item.tag) == name:
            return item
    return None


def descendants(element: Element, name: str) -> list[Element]:
    return [item for item in element.iter() if local(item.tag) == name]


def text_of(element: Element | None, *path: str) -> str | None:
    for name in path:
        if element is None:
            return None
        element = child(element, name)
    if element is None or element.text is None:
        return None
    return element.text.strip() or None


def number(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def latitude(text: str | None) -> float | None:
    value = number(text)
    return value if value is not None and -90 <= value <= 90 else None


def longitude(text: str | None) -> float | None:
    value = number(text)
    return value if value is not None and -180 <= value <= 180 else None


def moment(text: str | None) -> datetime | None:
    """ISO 8601 with Z or an offset; a time without a zone is taken as UTC (GPX says so)."""
    if text is None:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)
