"""Name registries that reject unknown names with a suggestion."""

from __future__ import annotations

import difflib
from collections.abc import Iterator
from typing import Generic, TypeVar

from masking.errors import UnknownNameError

T = TypeVar("T")


def suggest(name: str, valid: list[str]) -> str | None:
    """The closest valid name to a misspelled one, if any is close enough."""
    matches = difflib.get_close_matches(name, valid, n=1, cutoff=0.6)
    return matches[0] if matches else None


class Registry(Generic[T]):
    """A mapping from names to items of one kind (detectors, transforms, source kinds...)."""

    def __init__(self, kind: str) -> None:
        self.kind = kind
        self._items: dict[str, T] = {}

    def register(self, name: str, item: T) -> T:
        if name in self._items:
            raise ValueError(f"{self.kind} '{name}' is registered twice")
        self._items[name] = item
        return item

    def get(self, name: str) -> T:
        try:
            return self._items[name]
        except KeyError:
            valid = self.names()
            raise UnknownNameError(self.kind, name, valid, suggest(name, valid)) from None

    def names(self) -> list[str]:
        return sorted(self._items)

    def __contains__(self, name: object) -> bool:
        return name in self._items

    def __iter__(self) -> Iterator[T]:
        return iter(self._items.values())

    def __len__(self) -> int:
        return len(self._items)
