"""Power-based load: weighted (normalized) power, intensity, load, and FTP estimates."""

from __future__ import annotations

from collections.abc import Sequence

NP_WINDOW_S = 30
FTP_TEST_S = 20 * 60
FTP_FROM_20_MIN = 0.95


def rolling_means(samples: Sequence[float], window: int) -> list[float]:
    """Means of every full `window` of consecutive 1 Hz samples (none when too short)."""
    if window <= 0 or len(samples) < window:
        return []
    total = sum(samples[:window])
    means = [total / window]
    for index in range(window, len(samples)):
        total += samples[index] - samples[index - window]
        means.append(total / window)
    return means


def normalized_power(samples: Sequence[float]) -> float | None:
    """Coggan: the 4th root of the mean 4th power of the 30 s rolling mean of 1 Hz power.

    A ride shorter than one window has no rolling mean; its plain mean stands in, so a short
    effort still weighs something. An empty series has no value.
    """
    if not samples:
        return None
    means = rolling_means(samples, NP_WINDOW_S) or [sum(samples) / len(samples)]
    return float((sum(value**4 for value in means) / len(means)) ** 0.25)


def intensity_factor(normalized: float, ftp: float) -> float:
    """Coggan's intensity: weighted power over FTP (1.0 is an hour-long all-out effort)."""
    return normalized / ftp


def training_stress(duration_s: float, normalized: float, ftp: float) -> float:
    """Coggan: load = s × NP × IF / (FTP × 3600) × 100, so an hour at FTP is 100."""
    return duration_s * normalized * intensity_factor(normalized, ftp) / (ftp * 3600) * 100


def best_mean_power(samples: Sequence[float], window_s: int) -> float | None:
    """The highest mean power held for `window_s` seconds (mean-maximal power)."""
    means = rolling_means(samples, window_s)
    return max(means) if means else None


def ftp_from_20_minutes(best_20_min_w: float) -> float:
    """Allen & Coggan (2010): FTP is about 95 % of the best 20-minute power."""
    return FTP_FROM_20_MIN * best_20_min_w


def estimate_ftp(samples: Sequence[float]) -> float | None:
    """FTP from a ride's best 20 minutes; None when the ride is shorter than that."""
    best = best_mean_power(samples, FTP_TEST_S)
    return ftp_from_20_minutes(best) if best is not None else None
