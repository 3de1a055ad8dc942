"""Regex pieces shared by detectors, and ``keyed()`` for values that only count after context words.

Everything here stays in the subset that Python's ``re`` and Rust's ``regex`` (Polars) share. The scanner
runs all detectors as one alternation through Rust's lazy DFA, whose state cache (2 MB) thrashes once the
combined pattern needs too many or too wide states; then the search falls back to a far slower engine. So:

- no *bounded* repetition (``{0,40}``) of a class that a new match could also start inside: the DFA would
  track every count at once. Runs are unbounded (``*``); lengths that matter follow a literal prefix or are
  checked by a validator;
- keywords are looked for where a word or name part begins (``key_name``), never from any letter of a word;
- ASCII only: ``WS`` instead of ``\\s`` and ``nocase()`` instead of ``(?i:...)``. Unicode whitespace and case
  folding (``k`` also matches the Kelvin sign) split the byte alphabet into more classes, which widens every
  DFA state. Both engines then also agree exactly on what the pattern means;
- a run that can restart inside itself (`a.b.c`) starts after a character outside it, not at ``\\b``: Python
  would otherwise retry from every boundary, quadratic on long runs (``EMAIL``, ``URL_CREDENTIALS``).

``tests/test_detectors_perf.py`` guards the Python side and times the alternation on demand.
"""

from __future__ import annotations

WS = r"\t\n\x0b\x0c\r "  # ASCII whitespace, for use inside a class: `[^{WS}"']`


def _both_cases(members: str) -> str:
    """The content of a character class with every ASCII letter and letter range in both cases."""
    out, i = [], 0
    while i < len(members):
        if members[i] == "\\":
            out.append(members[i : i + 2])
            i += 2
            continue
        char = members[i]
        if i + 2 < len(members) and members[i + 1] == "-" and char.isascii() and char.isalpha():
            end = members[i + 2]
            out.append(f"{char.lower()}-{end.lower()}{char.upper()}-{end.upper()}")
            i += 3
            continue
        out.append(char.lower() + char.upper() if char.isascii() and char.isalpha() else char)
        i += 1
    return "".join(out)


def nocase(source: str) -> str:
    """``source`` matching ASCII letters in either case, spelled out: ``nocase("pwd")`` is ``[pP][wW][dD]``.

    Only plain regex sources are accepted: literals, escapes, classes and ``(?:`` groups.
    """
    out, i = [], 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            out.append(source[i : i + 2])
            i += 2
        elif source.startswith("(?:", i):
            out.append("(?:")
            i += 3
        elif char == "(" and source.startswith("(?", i):
            raise ValueError(f"nocase() takes (?: groups only: {source!r}")
        elif char == "[":
            end = source.index("]", i + 2)  # `[]` is not used; a class holds at least one member
            negated = source[i + 1] == "^"
            members = source[i + 1 + negated : end]
            out.append("[" + "^" * negated + _both_cases(members) + "]")
            i = end + 1
        elif char.isascii() and char.isalpha():
            out.append(f"[{char.lower()}{char.upper()}]")
            i += 1
        else:
            out.append(char)
            i += 1
    return "".join(out)


def _top_level(source: str) -> list[str]:
    """The top-level alternatives of a regex source (a whole-source ``(?:...)`` group is opened first)."""
    parts, depth, start, i, in_class = [], 0, 0, 0, False
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0 and start == 0 and i == len(source) - 1 and source.startswith("(?:") and not parts:
                return _top_level(source[3:-1])
        elif char == "|" and depth == 0:
            parts.append(source[start:i])
            start = i + 1
        i += 1
    return [*parts, source[start:]]


def by_first_letter(alternatives: str) -> str:
    """``password|passwd|pwd|secret`` as ``p(?:assword|asswd|wd)|secret``: one leading NFA state per letter.

    The lazy DFA carries the leading state of every alternative of every detector in each of its states, so
    factoring them keeps states small. Alternatives that do not start with a plain letter stay as they are.
    """
    groups: dict[str, list[str]] = {}
    for part in _top_level(alternatives):
        head = part[0] if part[:1].isalpha() else ""
        groups.setdefault(head or part, []).append(part[1:] if head else part)
    out = []
    for head, tails in groups.items():
        if len(head) == 1 and head.isalpha():
            out.append(head + (tails[0] if len(tails) == 1 else f"(?:{'|'.join(tails)})"))
        else:
            out.extend(tails)
    return "|".join(out)


QUOTE = r"""\\?["']"""  # a quote, JSON-escaped or not


def key_name(*keywords: str) -> str:
    """The name of a key=value key ending in one of ``keywords`` (lowercase regex sources).

    The keyword may extend a longer name (`db_password`, `x-api-key`, `clientSecret`, `PGPASSWORD`) but
    must start a word, follow `_ . -`, or start a camelCase or UPPERCASE hump. Letting it start anywhere
    inside a word would make the lazy DFA follow every keyword from every letter of every word (and read
    `monkey` as a key).
    """
    lower = nocase(by_first_letter("|".join(keywords)))
    camel = by_first_letter("|".join(k[0].upper() + nocase(k[1:]) for k in keywords))
    upper = by_first_letter("|".join(k.upper() for k in keywords))
    return rf"(?:(?:\b|[_.-])(?:{lower})|[a-z0-9](?:{camel})|[A-Z0-9](?:{upper}))"


# `=`, `=>`, `:=` after any key; a bare `:` only after a quoted key or before a space or quote, because
# Maskline's own tokens read `<PASSWORD:5f2a9c1e>` and must not be found again when the output is re-scanned.
ASSIGN = rf"(?:{QUOTE}[ \t]*(?:=>|:=|[:=])|[ \t]*(?:=>|:=|=|:[ \t]|:{QUOTE}))[ \t]*{QUOTE}?"

# Between context words and their value: the closing quote of a JSON key, then `:`, `=`, `#`, `-`, `is` or
# at least one blank, then the opening quote of the value (`DOB: 1990-01-31`, `"npi":"1234567893"`,
# `born on 31 Jan 1990`, `my username is jdoe`). As in ASSIGN, a bare `:` needs a blank after it: Maskline's
# tokens (`<USERNAME:5f2a9c1e>`, `<MEDICAL_RECORD_NUMBER:0badc0de>`) would otherwise read as key and value.
_IS = nocase("is|was|are")
_AFTER_BARE_KEY = rf"[ \t]*(?:[=#-]|:[ \t])[ \t]*|[ \t]+(?:(?:{_IS})\b[ \t]*)?"
SEPARATOR = rf"(?:{QUOTE}[ \t]*(?:[:=#-][ \t]*)?|{_AFTER_BARE_KEY})(?:{QUOTE})?"

# The same with a separator required: for context words that also start ordinary sentences.
STRICT_SEPARATOR = rf"(?:{QUOTE}[ \t]*[:=]|[ \t]*(?:=|:[ \t]|{nocase('is')}\b))[ \t]*(?:{QUOTE})?"

# A key starts a word or follows an underscore (`patient_dob`, `TWILIO_AUTH_TOKEN`).
KEY_START = r"(?:\b|_)"


def keyed(keys: str, value: str, *, separator: str = SEPARATOR, start: str = KEY_START, end: str = "") -> str:
    """A pattern for ``value`` standing right after one of ``keys`` (lowercase, matched in any case).

    ``keys`` and ``value`` are regex sources; the value becomes the named group ``value``, so only it is
    masked and the context words stay readable::

        keyed(r"passport(?:[ _-]?(?:no|number|#))?\\.?", r"[A-Z]?[0-9]{8,9}\\b")

    finds ``A12345678`` in ``Passport No. A12345678`` and in ``{"passport_number": "A12345678"}``.
    ``end`` is matched after the value without being part of it (a boundary that may consume a character).
    """
    return rf"{start}(?:{nocase(by_first_letter(keys))}){separator}(?P<value>{value}){end}"


def word_forms(*words: str) -> str:
    """An alternation of ``words`` as written and in capitals (``St|ST|Street|STREET``), longest first."""
    forms = {form for word in words for form in (word, word.upper())}
    return "|".join(sorted(forms, key=lambda form: (-len(form), form)))
