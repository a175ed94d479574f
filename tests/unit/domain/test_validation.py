from __future__ import annotations

import contextlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.errors import InvalidValueError
from domain.users import validation
from domain.users.models import Units
from domain.users.start_links import StartLinkKind, parse_start_payload


@pytest.mark.parametrize(
    ("text", "units", "kg"),
    [
        ("72.5", Units.METRIC, 72.5),
        ("72,5", Units.METRIC, 72.5),
        ("72 кг", Units.METRIC, 72.0),
        ("160", Units.IMPERIAL, 72.6),
        ("160 lb", Units.METRIC, 72.6),
        ("70kg", Units.IMPERIAL, 70.0),
    ],
)
def test_weight_is_read_in_the_athletes_units_and_stored_in_kg(
    text: str, units: Units, kg: float
) -> None:
    assert validation.parse_weight(text, units) == kg


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("heavy", "not_a_number"),
        ("7", "out_of_range"),
        ("900", "out_of_range"),
        ("70 st", "unknown_unit"),
    ],
)
def test_absurd_weights_are_refused_with_a_reason(text: str, reason: str) -> None:
    with pytest.raises(InvalidValueError) as error:
        validation.parse_weight(text, Units.METRIC)
    assert error.value.reason == reason


def test_birth_year_must_make_the_athlete_between_10_and_100() -> None:
    assert validation.parse_birth_year("1990", 2026) == 1990
    for text in ("2020", "1900", "19.5", "abc"):
        with pytest.raises(InvalidValueError):
            validation.parse_birth_year(text, 2026)


def test_heart_rates_are_bounded_and_max_sits_above_resting() -> None:
    assert validation.parse_heart_rate("55 bpm", "resting_hr", validation.RESTING_HR_RANGE) == 55
    with pytest.raises(InvalidValueError):
        validation.parse_heart_rate("400", "max_hr", validation.MAX_HR_RANGE)
    with pytest.raises(InvalidValueError) as error:
        validation.check_heart_rates(resting=90, maximum=110)
    assert error.value.reason == "below_resting"
    validation.check_heart_rates(resting=50, maximum=185)


@pytest.mark.parametrize("text", ["", "   ", "<b>Moscow</b>", "x" * 65, "https://evil", "12345"])
def test_a_city_is_a_short_plain_name(text: str) -> None:
    with pytest.raises(InvalidValueError):
        validation.parse_city(text)


def test_a_city_keeps_its_letters_and_loses_extra_spaces() -> None:
    assert validation.parse_city("  Санкт-Петербург ") == "Санкт-Петербург"
    assert validation.parse_city("New   York") == "New York"


def test_a_shared_location_is_rounded_to_a_ten_kilometre_cell() -> None:
    spot = validation.coarse(55.75583, 37.61730)
    assert (spot.latitude, spot.longitude) == (55.8, 37.6)
    with pytest.raises(InvalidValueError):
        validation.coarse(91.0, 0.0)


def test_timezones_are_iana_names_matched_without_case() -> None:
    assert validation.parse_timezone("Europe/Moscow") == "Europe/Moscow"
    assert validation.parse_timezone("america/new york") == "America/New_York"
    for name in ("Mars/Olympus", "../../etc/passwd", ""):
        with pytest.raises(InvalidValueError):
            validation.parse_timezone(name)


def test_start_payloads_are_recognised_and_anything_else_ignored() -> None:
    link = parse_start_payload("g_run42")
    assert link is not None
    assert (link.kind, link.code) == (StartLinkKind.GROUP, "run42")
    assert parse_start_payload("promo_SPRING-25") is not None
    for payload in (None, "", "hello", "g_", "ref_bad code", "x_1"):
        assert parse_start_payload(payload) is None


@given(st.text(max_size=80))
def test_any_typed_text_is_either_accepted_in_range_or_refused_cleanly(text: str) -> None:
    """Whatever a user types, the answer is a valid value or an InvalidValueError."""
    checks = [
        lambda: validation.parse_city(text),
        lambda: validation.parse_birth_year(text, 2026),
        lambda: validation.parse_weight(text, Units.METRIC),
        lambda: validation.parse_heart_rate(text, "max_hr", validation.MAX_HR_RANGE),
        lambda: validation.parse_timezone(text),
    ]
    for check in checks:
        try:
            value = check()
        except InvalidValueError:
            continue
        assert value is not None
    with contextlib.suppress(InvalidValueError):
        assert 25.0 <= validation.parse_weight(text, Units.IMPERIAL) <= 300.0
