"""The demo data generator: reproducible, well-formed, and carrying the sensitive values it declares."""

from __future__ import annotations

import dataclasses
import re
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import orjson
import pytest

from masking.demo_data import DemoData, build_demo_data

KINDS = {
    "EMAIL", "PHONE", "CREDIT_CARD", "US_SSN", "IBAN", "PERSON",
    "AWS_ACCESS_KEY", "GITHUB_TOKEN", "PASSWORD", "BEARER_TOKEN",
}  # fmt: skip
PHONE = re.compile(r"^(\(\d{3}\) \d{3}-\d{4}|\+1 \d{3}-\d{3}-\d{4}|\d{3}-\d{3}-\d{4})$")


def luhn_ok(number: str) -> bool:
    digits = [int(ch) for ch in number if ch.isdigit()]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2:
            digit = digit * 2 - 9 if digit > 4 else digit * 2
        total += digit
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    moved = iban[4:] + iban[:4]
    return int("".join(str(int(ch, 36)) for ch in moved)) % 97 == 1


def ssn_ok(ssn: str) -> bool:
    match = re.fullmatch(r"(\d{3})-(\d{2})-(\d{4})", ssn)
    if not match:
        return False
    area, group, serial = (int(g) for g in match.groups())
    return 0 < area < 900 and area != 666 and group > 0 and serial > 0


def read_table(path: Path) -> list[tuple[Any, ...]]:
    con = duckdb.connect(str(path), read_only=True)
    try:
        return con.execute("SELECT * FROM main.customers ORDER BY id").fetchall()
    finally:
        con.close()


def log_files(demo: DemoData) -> list[Path]:
    return sorted(Path(demo.logs_glob).parent.glob(Path(demo.logs_glob).name))


def split_lines(demo: DemoData) -> tuple[list[dict[str, Any]], list[tuple[Path, bytes]]]:
    valid, broken = [], []
    for path in log_files(demo):
        for line in path.read_bytes().splitlines():
            try:
                valid.append(orjson.loads(line))
            except orjson.JSONDecodeError:
                broken.append((path, line))
    return valid, broken


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> DemoData:
    return build_demo_data(tmp_path_factory.mktemp("demo"))


@pytest.fixture(scope="module")
def rows(demo: DemoData) -> list[tuple[Any, ...]]:
    return read_table(demo.duckdb_path)


def test_result_describes_the_files(demo: DemoData) -> None:
    assert demo.duckdb_path == demo.root / "prod.duckdb" and demo.duckdb_path.is_file()
    assert demo.logs_glob == str(demo.root / "logs" / "*.jsonl")
    names = [p.name for p in log_files(demo)]
    assert 2 <= len(names) <= 3
    assert all(re.fullmatch(r"chat-\d{4}-\d{2}-\d{2}\.jsonl", n) for n in names)
    assert (demo.customers, demo.log_records, demo.malformed_lines) == (1000, 300, 2)
    with pytest.raises(dataclasses.FrozenInstanceError):
        demo.customers = 1  # type: ignore[misc]


def test_same_seed_gives_identical_data(tmp_path: Path) -> None:
    a = build_demo_data(tmp_path / "a", customers=200, conversations=60)
    b = build_demo_data(tmp_path / "b", customers=200, conversations=60)
    assert [p.name for p in log_files(a)] == [p.name for p in log_files(b)]
    for fa, fb in zip(log_files(a), log_files(b), strict=True):
        assert fa.read_bytes() == fb.read_bytes()
    assert read_table(a.duckdb_path) == read_table(b.duckdb_path)
    assert a.planted == b.planted


def test_other_seed_gives_other_data(tmp_path: Path) -> None:
    a = build_demo_data(tmp_path / "a", seed=1, customers=50, conversations=20)
    b = build_demo_data(tmp_path / "b", seed=2, customers=50, conversations=20)
    assert read_table(a.duckdb_path) != read_table(b.duckdb_path)
    assert log_files(a)[0].read_bytes() != log_files(b)[0].read_bytes()


def test_rebuild_in_place_is_identical(tmp_path: Path) -> None:
    first = build_demo_data(tmp_path, customers=30, conversations=12)
    before = [p.read_bytes() for p in log_files(first)]
    again = build_demo_data(tmp_path, customers=30, conversations=12)
    assert [p.read_bytes() for p in log_files(again)] == before
    assert len(read_table(again.duckdb_path)) == 30


def test_table_schema_and_counts(demo: DemoData, rows: list[tuple[Any, ...]]) -> None:
    con = duckdb.connect(str(demo.duckdb_path), read_only=True)
    try:
        types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                                 "WHERE table_name = 'customers'").fetchall())  # fmt: skip
        pk = con.execute("SELECT constraint_type FROM duckdb_constraints() "
                         "WHERE table_name = 'customers'").fetchall()  # fmt: skip
    finally:
        con.close()
    assert types == {
        "id": "BIGINT", "full_name": "VARCHAR", "email": "VARCHAR", "phone": "VARCHAR", "ssn": "VARCHAR",
        "card_number": "VARCHAR", "iban": "VARCHAR", "birth_date": "DATE", "address": "VARCHAR",
        "signup_ip": "VARCHAR", "plan": "VARCHAR", "notes": "VARCHAR", "created_at": "TIMESTAMP",
    }  # fmt: skip
    assert ("PRIMARY KEY",) in pk
    assert len(rows) == demo.customers
    assert len({r[0] for r in rows}) == demo.customers


def test_table_values_are_plausible(rows: list[tuple[Any, ...]]) -> None:
    for _id, name, email, phone, ssn, card, iban, born, address, ip, plan, _notes, created in rows:
        assert len(name.split()) == 2
        assert re.fullmatch(r"[a-z0-9]+\.[a-z0-9]+@[a-z]+\.[a-z]+", email)
        assert PHONE.match(phone)
        assert ssn_ok(ssn)
        assert re.fullmatch(r"\d{16}|\d{4} \d{4} \d{4} \d{4}", card) and luhn_ok(card)
        assert iban[:2] in {"GB", "DE"} and iban_ok(iban)
        assert isinstance(born, date) and isinstance(created, datetime)
        assert "\n" not in address
        assert re.fullmatch(r"(\d{1,3}\.){3}\d{1,3}", ip)
        assert plan in {"free", "pro", "enterprise"}
    assert len({r[2] for r in rows}) == len(rows), "emails are unique"
    assert any(" " in r[5] for r in rows) and any(" " not in r[5] for r in rows)


def test_notes_mix_people_and_harmless_text(rows: list[tuple[Any, ...]]) -> None:
    notes = [(r[1], r[2], r[3], r[11]) for r in rows]
    null_share = sum(n is None for *_, n in notes) / len(notes)
    assert 0.3 < null_share < 0.5
    written = [(name, email, phone, n) for name, email, phone, n in notes if n is not None]
    assert all(name in n for name, _, _, n in written)
    assert any(email in n for _, email, _, n in written)
    assert any(phone in n for _, _, phone, n in written)
    assert any(re.search(r"ORD-2026-\d{6}", n) for *_, n in written)
    assert any(re.search(r"\bv\d+\.\d+\.\d+\b", n) for *_, n in written)


def test_valid_lines_have_the_chat_shape(demo: DemoData, rows: list[tuple[Any, ...]]) -> None:
    valid, _ = split_lines(demo)
    assert len(valid) == demo.log_records
    user_ids = {f"u_{r[0]}" for r in rows}
    tool_calls = 0
    for rec in valid:
        assert list(rec) == ["id", "created", "model", "user_id", "request", "response", "latency_ms"]
        assert rec["id"].startswith("chatcmpl-") and isinstance(rec["created"], int)
        assert rec["user_id"] in user_ids
        messages = rec["request"]["messages"]
        assert messages[0]["role"] == "system" and messages[1]["role"] == "user"
        message = rec["response"]["choices"][0]["message"]
        assert message["role"] == "assistant" and isinstance(message["content"], str)
        usage = rec["response"]["usage"]
        assert usage["total_tokens"] == usage["prompt_tokens"] + usage["completion_tokens"]
        for call in message.get("tool_calls", []):
            tool_calls += 1
            assert call["id"].startswith("call_") and call["type"] == "function"
            arguments = call["function"]["arguments"]
            assert isinstance(arguments, str) and isinstance(orjson.loads(arguments), dict)
    assert tool_calls > 50
    assert len({m["request"]["messages"][0]["content"] for m in valid}) == 1, "one repeated system prompt"


def test_exactly_the_declared_lines_are_malformed(demo: DemoData) -> None:
    _, broken = split_lines(demo)
    assert len(broken) == demo.malformed_lines == 2
    assert len({path for path, _ in broken}) == 1
    assert any(line.startswith(b"{") for _, line in broken), "a truncated object"
    assert any(not line.startswith(b"{") and b"@" in line for _, line in broken), "plain text with an email"
    for path in log_files(demo):
        data = path.read_bytes()
        assert data.endswith(b"\n") and b"\r" not in data


def test_malformed_lines_hold_no_planted_value(demo: DemoData) -> None:
    _, broken = split_lines(demo)
    text = b"\n".join(line for _, line in broken).decode()
    assert not [v for values in demo.planted.values() for v in values if v in text]


def test_planted_values_occur_in_the_data(demo: DemoData, rows: list[tuple[Any, ...]]) -> None:
    assert set(demo.planted) == KINDS
    table_text = "\n".join(str(v) for row in rows for v in row if v is not None)
    logs_text = "\n".join(p.read_text() for p in log_files(demo))
    for kind, values in demo.planted.items():
        assert len(values) >= 5, kind
        assert len(set(values)) == len(values), kind
        for value in values:
            assert value in table_text or value in logs_text, (kind, value)


def test_planted_values_are_detector_friendly(demo: DemoData) -> None:
    planted = demo.planted
    assert all(luhn_ok(v) and len(v.replace(" ", "")) == 16 for v in planted["CREDIT_CARD"])
    assert all(iban_ok(v) for v in planted["IBAN"])
    assert all(ssn_ok(v) for v in planted["US_SSN"])
    assert all(PHONE.match(v) for v in planted["PHONE"])
    assert all(re.fullmatch(r"AKIA[A-Z2-7]{16}", v) for v in planted["AWS_ACCESS_KEY"])
    assert all(re.fullmatch(r"ghp_[A-Za-z0-9]{36}", v) for v in planted["GITHUB_TOKEN"])
    logs_text = "\n".join(p.read_text() for p in log_files(demo))
    assert all(f"password={v}" in logs_text for v in planted["PASSWORD"])
    assert all(f"Authorization: Bearer {v}" in logs_text for v in planted["BEARER_TOKEN"])


def test_logs_and_table_share_people(demo: DemoData, rows: list[tuple[Any, ...]]) -> None:
    valid, _ = split_lines(demo)
    by_id = {f"u_{r[0]}": r for r in rows}
    mentions = [rec for rec in valid if by_id[rec["user_id"]][2] in orjson.dumps(rec).decode()]
    assert len(mentions) > 30, "log records mention their customer's email from the table"


def test_small_build_still_covers_every_kind(tmp_path: Path) -> None:
    small = build_demo_data(tmp_path, customers=5, conversations=1)
    assert len(log_files(small)) == 1
    valid, broken = split_lines(small)
    assert (len(valid), len(broken)) == (1, 2)
    with pytest.raises(ValueError):
        build_demo_data(tmp_path / "none", conversations=0)

