"""Network addresses: IPv6 and IPv4."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import ipv4_valid, ipv6_canonical, ipv6_valid

_OCTET = r"(?:25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])"  # 0-255 without leading zeros
_IPV4 = rf"{_OCTET}(?:\.{_OCTET}){{3}}"
_H = r"[0-9A-Fa-f]{1,4}"

# Every shape starts on a hex group after a word boundary and needs either eight groups or a `::`, so
# times (`18:48:11`) and MAC addresses (six groups) never qualify. One group before `::` is accepted only
# with a group after it: `db::connect` or `Ab::` in C++/Rust/Ruby paths would otherwise pass `ipaddress`.
# Addresses that *start* with `::` (`::1`, `::ffff:10.0.0.1`) are left out: without look-behind the pattern
# cannot tell them from `Foo::Bar`; the mapped IPv4 part is still found by the IPv4 detector.
_IPV6 = (
    rf"\b(?:{_H}:){{6}}{_IPV4}\b"  # full form ending in IPv4
    rf"|\b{_H}(?::{_H}){{0,4}}::(?:{_H}:){{0,4}}{_IPV4}\b"  # compressed, ending in IPv4 (NAT64)
    rf"|\b{_H}(?::{_H}){{7}}\b"  # full form
    rf"|\b{_H}(?:(?::{_H}){{1,6}}::(?:{_H}(?::{_H}){{0,5}}\b)?|::{_H}(?::{_H}){{0,5}}\b)"  # compressed
)

IPV6 = Detector(
    name="ipv6",
    entity="IP_ADDRESS",
    pattern=_IPV6,
    validator=ipv6_valid,
    normalize=ipv6_canonical,
    context=("ip", "ipv6", "address", "client", "remote", "host", "addr"),
    examples=(
        "2001:0db8:85a3:0000:0000:8a2e:0370:7334",
        "2001:db8:85a3::8a2e:370:7334",
        "2001:DB8::1",
        "fe80::1ff:fe23:4567:890a",
        "2001:db8::",
        "64:ff9b::192.0.2.33",
        "0:0:0:0:0:ffff:192.0.2.1",
    ),
    near_misses=(
        "18:48:11",
        "2026-11-27T18:48:11Z",
        "00:1A:2B:3C:4D:5E",
        "db::connect",
        "std::vector",
        "Foo::Bar",
        "12:30",
        "<EMAIL:5f2a9c1e>",
    ),
)

IPV4 = Detector(
    name="ipv4",
    entity="IP_ADDRESS",
    pattern=rf"\b{_IPV4}\b",
    validator=ipv4_valid,
    context=("ip", "ipv4", "address", "client", "remote", "host", "addr", "from"),
    examples=(
        "192.168.1.10",
        "10.0.0.1",
        "203.0.113.255",
        "255.255.255.255",
        "8.8.8.8",
    ),
    near_misses=(
        "256.1.1.1",
        "192.168.1.300",
        "1.2.3",
        "3.8.18",
        "v1.2.3",
        "01.02.03.04",
        "2.1.0-rc.1",
    ),
)
