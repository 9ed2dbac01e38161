# SPDX-License-Identifier: EUPL-1.2
"""The file cache of the public pages, bounded in entries **and** bytes (docs/caching.md).

Django's ``FileBasedCache`` bounds the number of entries only, and culls a random third when it is full
(which may remove the data-version token and so throw every page away). This backend culls the oldest
entries first, keeps the data-version token, and also holds the total size under ``MAX_BYTES``; an entry
larger than a twentieth of ``MAX_BYTES`` is not stored at all.
"""

from __future__ import annotations

import os
import pickle
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.filebased import FileBasedCache

CULL_TO = 0.9  # after culling: at most 90% of either bound, so not every write culls


class BoundedFileBasedCache(FileBasedCache):
    def __init__(self, dir: str, params: dict[str, Any]) -> None:
        super().__init__(dir, params)
        options = params.get("OPTIONS", {})
        self._max_bytes = int(options.get("MAX_BYTES", 0) or 0)
        self._keep = frozenset(options.get("KEEP_KEYS", ()))

    def set(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> None:
        # Uncompressed size: an upper bound, and cheaper than compressing twice.
        if self._max_bytes and len(pickle.dumps(value, self.pickle_protocol)) > self._max_bytes // 20:
            return  # one huge entry would push out everything else
        super().set(key, value, timeout, version=version)

    def _cull(self) -> None:
        keep = {self._key_to_file(k) for k in self._keep}
        entries = []
        for name in self._list_cache_files():
            if name in keep:
                continue
            try:
                stat = os.stat(name)
            except OSError:
                continue  # removed by another process meanwhile
            entries.append((stat.st_mtime, stat.st_size, name))
        total = sum(size for _, size, _ in entries)
        over_entries = len(entries) + len(keep) >= self._max_entries
        over_bytes = bool(self._max_bytes) and total >= self._max_bytes
        if not (over_entries or over_bytes):
            return
        entries.sort()
        count = len(entries)
        for _, size, name in entries:
            if count + len(keep) <= self._max_entries * CULL_TO and (
                not self._max_bytes or total <= self._max_bytes * CULL_TO
            ):
                break
            self._delete(name)
            count -= 1
            total -= size

    def usage(self) -> tuple[int, int]:
        """(entries, bytes) now in the cache directory."""
        files = self._list_cache_files()
        size = 0
        for name in files:
            try:
                size += os.stat(name).st_size
            except OSError:
                continue
        return len(files), size
