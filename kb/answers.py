"""Answers kept by `kb serve`: the KB cannot change while the server runs (its workers answer
from a snapshot read at start), so the same request always gets the same answer, and a repeated
one (the UI's and the catalogue's questions are asked over and over) need not reach a worker.

Only successful answers are kept: an error may be the moment's (a timeout under load).
Bounded in bytes, least recently used first out."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Answer = TypeVar("Answer")


class AnswerCache(Generic[Answer]):
    def __init__(self, max_bytes: int, size_of: Callable[[Answer], int]):
        self.max_bytes = max_bytes
        self._size_of = size_of
        self._answers: OrderedDict[Hashable, tuple[Answer, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self.hits = 0
        self.misses = 0

    def get(self, key: Hashable) -> Answer | None:
        with self._lock:
            kept = self._answers.get(key)
            if kept is None:
                self.misses += 1
                return None
            self._answers.move_to_end(key)
            self.hits += 1
            return kept[0]

    def put(self, key: Hashable, answer: Answer) -> None:
        size = self._size_of(answer) + _key_size(key)
        if size > self.max_bytes:
            return  # one answer bigger than the whole cache would only push out every other one
        with self._lock:
            if key in self._answers:
                return
            self._answers[key] = (answer, size)
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, (_, dropped) = self._answers.popitem(last=False)
                self._bytes -= dropped

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._answers)


def _key_size(key: Hashable) -> int:
    return sum(len(part) for part in key if isinstance(part, str)) if isinstance(key, tuple) else 0
