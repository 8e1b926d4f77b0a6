"""Extraction ⇄ JSON, for the cache (the exact round trip of the dataclasses).

Decoding checks every value against the type its field declares, and the token table's
indexes against its own lengths: an entry comes from a folder anyone may have replaced, and
one that decodes must not fail later, in enrichment or on a page. The checks are made into
one function per type once, from the dataclasses' annotations, so they follow the model and
cost little (a token table is thousands of values).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import types
import typing
from array import array
from collections.abc import Callable

from generator.model import Extraction, TokenTable

Decoder = Callable[[object], typing.Any]
_SCALARS = (str, int, bool)


class DecodeError(ValueError):
    """An entry that does not hold what the generator wrote."""


def extraction_to_dict(extraction: Extraction) -> dict:
    data = dataclasses.asdict(extraction)
    data["date"] = extraction.date.isoformat() if extraction.date else None
    return data


def extraction_from_dict(data: object) -> Extraction:
    """Rebuild an Extraction; DecodeError for anything it could not have been written as."""
    extraction = _EXTRACTION(data)
    _check_tokens(extraction.tokens)
    return extraction


def _decoder(hint: object) -> Decoder:
    """What turns a JSON value into the type `hint` (a resolved annotation), or raises."""
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is types.UnionType:  # `X | None`
        (other,) = [_decoder(a) for a in args if a is not type(None)]
        return lambda value: None if value is None else other(value)
    if origin is list and args[0] in _SCALARS:
        return lambda value: _scalars(value, args[0])
    if origin is list and typing.get_origin(args[0]) is tuple:
        row = typing.get_args(args[0])
        return lambda value: [_row(item, row) for item in _typed(value, list)]
    if origin is list:
        item = _decoder(args[0])
        return lambda value: [item(v) for v in _typed(value, list)]
    if hint in _SCALARS:
        return lambda value: _typed(value, hint)
    if hint is dt.date:
        return lambda value: dt.date.fromisoformat(_typed(value, str))
    if dataclasses.is_dataclass(hint):
        return _instance_decoder(hint)
    raise TypeError(f"no JSON decoding for {hint}")  # a model change codec.py must follow


def _instance_decoder(cls: type) -> Decoder:
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls) if f.init]
    # A field of a plain type is checked inline, the others by their decoders: most of an
    # entry is small objects of plain fields, and a call per field would double its cost.
    plain = {name: _plain_types(hints[name]) for name in names}
    nested = {name: _decoder(hints[name]) for name in names if not plain[name]}

    def decode(value: object) -> object:
        data = _typed(value, dict)
        for name, item in data.items():
            allowed = plain.get(name)
            if allowed is None:
                raise DecodeError(f"{cls.__name__} has no field {name!r}")
            if not allowed:
                data[name] = nested[name](item)  # (a dict of its own, fresh from JSON)
            elif type(item) not in allowed:
                raise DecodeError(f"{cls.__name__}.{name} is a {type(item).__name__}")
        return cls(**data)

    return decode


def _plain_types(hint: object) -> frozenset[type]:
    """The types a field of plain values may hold (`str | None`: str and NoneType); empty
    when it holds something else."""
    options = typing.get_args(hint) if typing.get_origin(hint) is types.UnionType else (hint,)
    if all(t in _SCALARS or t is type(None) for t in options):
        return frozenset(options)
    return frozenset()


def _typed(value: object, cls: type) -> typing.Any:
    if type(value) is not cls:  # exactly: JSON's true is not an int here
        raise DecodeError(f"{type(value).__name__} where {cls.__name__} was written")
    return value


def _scalars(value: object, cls: type) -> list:
    """A list of str or int, checked in one pass in C: a token table holds thousands."""
    try:
        "".join(_typed(value, list)) if cls is str else array("q", value)  # (true counts as 1)
    except (TypeError, OverflowError):
        raise DecodeError(f"a list of {cls.__name__} holds something else") from None
    return value


def _row(value: object, types_: tuple[type, ...]) -> tuple:
    if tuple(map(type, _typed(value, list))) != types_:
        raise DecodeError(f"a row is not of {types_}")
    return tuple(value)


# Built once: resolving annotations costs more than decoding an entry.
_EXTRACTION = _decoder(Extraction)


def _check_tokens(tokens: TokenTable) -> None:
    """Every index the matcher follows lands inside the table (see match.words_of)."""
    count = len(tokens.starts)
    parallel = [tokens.ends, tokens.lowers, tokens.lemmas, tokens.entity]
    words = [tokens.word_lemma, tokens.word_cased, tokens.word_first, tokens.word_last]
    if any(len(column) != count for column in parallel) or any(
        len(column) != len(tokens.word_folded) for column in words
    ):
        raise DecodeError("the token table's columns differ in length")
    if not _within(tokens.entity, -1, len(tokens.entities)):
        raise DecodeError("a token's entity is not in the table")
    if not _within(tokens.word_first + tokens.word_last, 0, count):
        raise DecodeError("a word's tokens are not in the table")
    if any(not 0 <= start <= end <= count for start, end, _ in tokens.entities):
        raise DecodeError("an entity's tokens are not in the table")


def _within(numbers: list[int], low: int, high: int) -> bool:
    """Whether every number is in [low, high)."""
    return not numbers or (low <= min(numbers) and max(numbers) < high)
