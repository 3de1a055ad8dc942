"""Phone numbers in European national formats, MAC addresses and IPv4 addresses: shapes that dates, times,
ids and versions share."""

from __future__ import annotations

import re

import pytest

from masking.detectors.contact import PHONE, PHONE_EUROPE, national_phone_valid, phone_international
from masking.detectors.network import IPV4, MAC_ADDRESS, mac_canonical, mac_valid


@pytest.mark.parametrize(
    ("raw", "normalized"),
    [("0049 30 901820", "+4930901820"), ("+49 30 901820", "+4930901820"), ("020 7946 0958", "02079460958"),
     ("01.23.45.67.89", "0123456789")],
)  # fmt: skip
def test_phone_international(raw: str, normalized: str) -> None:
    assert phone_international(raw) == normalized


def test_00_and_plus_prefixes_get_one_pseudonym_input() -> None:
    assert PHONE_EUROPE.normalize("0049 30 901820") == PHONE.normalize("+49 30 901820")


@pytest.mark.parametrize(
    ("value", "ok"),
    [("030 901820", True), ("020 7946 0958", True), ("0049 30 901820", True), ("0900 1700", False),
     ("007 12345", False), ("0049 1234 5678 9012 3456", False)],
)  # fmt: skip
def test_national_phone_valid(value: str, ok: bool) -> None:
    assert national_phone_valid(value) is ok


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Ring me on 07700 900123 or (020) 7946 0958.", ["07700 900123", "(020) 7946 0958"]),
        ("Tél : 01 23 45 67 89", ["01 23 45 67 89"]),
        ("Büro 030/901820, mobil 0170 1234567", ["030/901820", "0170 1234567"]),
        ("shift 0900 1700, room 0123 4567", []),
        ("released 05/11/2026 14:00 as v1.02.03.04", []),
        ("took 0.123 s, then 00:00:05.123", []),
    ],
)
def test_national_formats_in_sentences(text: str, found: list[str]) -> None:
    assert [v for _, _, v in PHONE_EUROPE.find(text)] == found


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [("00-1A-2B-3C-4D-5E", "00:1a:2b:3c:4d:5e"), ("001a.2b3c.4d5e", "00:1a:2b:3c:4d:5e"),
     ("F0:9F:C2:11:22:33", "f0:9f:c2:11:22:33")],
)  # fmt: skip
def test_mac_canonical(raw: str, canonical: str) -> None:
    assert mac_canonical(raw) == canonical


@pytest.mark.parametrize(("value", "ok"), [("00:1A:2B:3C:4D:5E", True), ("00:00:00:00:00:00", False),
                                           ("FF-FF-FF-FF-FF-FF", False)])  # fmt: skip
def test_mac_valid(value: str, ok: bool) -> None:
    assert mac_valid(value) is ok


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("wlan0 HWaddr 00:1A:2B:3C:4D:5E at 18:48:11", ["00:1A:2B:3C:4D:5E"]),
        ("2026-11-27T18:48:11.123Z 12:30:45", []),
        ("uuid 3f2b8c1e-9a4d-4e2f-8b1a-2c3d4e5f6a7b", []),
    ],
)
def test_mac_in_logs(text: str, found: list[str]) -> None:
    assert [v for _, _, v in MAC_ADDRESS.find(text)] == found


@pytest.mark.parametrize(
    ("text", "found"),
    [
        # addresses in logs
        ("client 10.0.0.5 connected from 192.168.1.20:443", ["10.0.0.5", "192.168.1.20"]),
        ("ip=8.8.8.8 remote_addr=203.0.113.9", ["8.8.8.8", "203.0.113.9"]),
        ("IP 10.0.0.5.443 > 10.0.0.7.51234: Flags [S]", ["10.0.0.5", "10.0.0.7"]),  # tcpdump: address.port
        ("ip.src==10.0.0.1 && ip.dst == 10.0.0.2", ["10.0.0.1", "10.0.0.2"]),  # Wireshark filters
        ("ssh root@10.0.0.5, build agent 10.0.0.6", ["10.0.0.5", "10.0.0.6"]),
        ("Connection from 10.0.0.5. Closing.", ["10.0.0.5"]),
        # four-part versions
        ("pip install polars==2.4.16.0 numpy>=2.1", []),
        ("requests>=2.31.0.1,<3 and types-requests~=2.31.0.20", []),
        ("Build 8.5.2.7 started 2026-03-01T16:51:57Z", []),
        ("DEBUG cache hit ratio=0.42 keys=12 build=4.4.19.4", []),
        ('{"version": "10.0.19045.3803"}', []),  # Windows build numbers: the last part is not an octet
        ('{"version": "10.0.190.38"}', []),
        ("X-App-Version: 3.1.11.3", []),
        ("released 1.2.3.4-rc1, then 1.2.3.4-beta.2 and 2.0.0.1+build.7", []),
    ],
)
def test_ipv4_addresses_and_versions(text: str, found: list[str]) -> None:
    assert [v for _, _, v in IPV4.find(text)] == found


def test_version_branches_leave_nothing_to_mask() -> None:
    """The version context is matched (a candidate span) but yields no value, so the numbers are kept."""
    match = re.search(IPV4.pattern, "pip install polars==2.4.16.0")
    assert match is not None and match.group(0) == "==2.4.16.0" and match.group("value") is None
    assert IPV4.find("pip install polars==2.4.16.0") == []
