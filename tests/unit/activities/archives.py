"""Zips built in tests from the real activity fixtures."""

from __future__ import annotations

import gzip
import io
import zipfile

from tests.unit.activities.files import content

RUN = "fit/activity-small-fenix2-run.fit"
RIDE = "fit/garmin-edge-820-bike.fit"
GPX = "gpx/cerknicko-jezero.gpx"
TCX = "tcx/test.tcx"


def zip_of(members: dict[str, bytes], method: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", method) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def strava_export() -> bytes:
    """Strava's bulk export: activities/<id>.fit.gz etc. next to CSVs and media."""
    return zip_of(
        {
            "activities.csv": b"Activity ID,Activity Date,Activity Name\n1,,Morning Run\n",
            "activities/101.fit.gz": gzip.compress(content(RUN)),
            "activities/102.gpx.gz": gzip.compress(content(GPX)),
            "activities/103.fit": content(RIDE),
            "activities/104.tcx.gz": gzip.compress(content(TCX)),
            "media/5b1e.jpg": b"\xff\xd8\xff\xe0 not really a jpeg",
            "profile.csv": b"Athlete ID\n1\n",
        }
    )
