"""Activity file formats (FIT, GPX, TCX) read into the domain's ParsedFile."""

from __future__ import annotations

from pathlib import PurePath

from device_sync.files.fit import parse_fit
from device_sync.files.gpx import parse_gpx
from device_sync.files.tcx import parse_tcx
from domain.activities.errors import FileRefusedError, Refusal
from domain.activities.models import ParsedFile

PARSERS = {".fit": parse_fit, ".gpx": parse_gpx, ".tcx": parse_tcx}


class FileParser:
    """The domain's ActivityParser: picks the format by the file name's extension."""

    def parse(self, file_name: str, content: bytes) -> ParsedFile:
        parser = PARSERS.get(PurePath(file_name).suffix.lower())
        if parser is None:
            raise FileRefusedError(Refusal.NOT_FIT)
        if not content.strip():
            raise FileRefusedError(Refusal.EMPTY)
        return parser(content)
