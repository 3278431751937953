"""The release content hash by its definition: one canonical JSON line per row (keys sorted, compact,
non-ASCII kept), rows in id order, SHA-256 over the lines. ``corpus.release.TableHash`` computes it with
Arrow compute; the tests hold it to this plain reference."""

from __future__ import annotations

import hashlib
import json

import pyarrow as pa


class ReferenceContentHash:
    """Incremental over record batches already sorted by the table's id."""

    def __init__(self) -> None:
        self._digest = hashlib.sha256()
        self._last: str | None = None
        self.rows = 0

    def update(self, batch: pa.RecordBatch | pa.Table, key: str) -> None:
        for row in batch.to_pylist():
            value = row[key]
            # Null ids sort last, as pyarrow sorts them.
            if self.rows and (value is not None and (self._last is None or value < self._last)):
                raise ValueError(f"rows are not sorted by {key}: {value!r} after {self._last!r}")
            self._last = value
            line = json.dumps(row, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
            self._digest.update(line.encode("utf-8", errors="surrogatepass") + b"\n")
            self.rows += 1

    def hexdigest(self) -> str:
        return self._digest.hexdigest()
