"""Network addresses: IPv6, MAC (hardware) and IPv4 addresses."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.patterns import QUOTE, by_first_letter, nocase
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

# Four dotted numbers are also a version (`polars==2.4.16.0`, `Build 8.5.2.7`, `1.2.3.4-rc1`). Without
# look-around, the version context is matched by branches of their own, placed first, that hold no `value`
# group: where one matches, the scanner gets a candidate with nothing to mask, and the numbers stay. Context:
# - before: a version key (`version`, `ver.`, `build`, `release`, `rev`, `revision`, also `app_version=`,
#   `"build": "`), or a pin operator written against the number (`==`, `>=`, `<=`, `~=`, `!=`);
# - after: a pre-release or build suffix (`-rc1`, `-beta`, `-alpha.2`, `-dev`, `-pre`, `-SNAPSHOT`, `+cu118`).
# `v1.2.3.4` never matches: there is no word boundary between `v` and `1`. An operator with a space after it
# is left to the address (`ip.addr == 10.0.0.1` in a Wireshark filter), and so is `@` (`ssh root@10.0.0.5`).
# Filter keys written against the operator (`ip.src==10.0.0.1`, `host==10.0.0.1`) are read as addresses.
_VERSION_KEY = nocase(by_first_letter("version|ver|build|release|revision|rev"))
_BEFORE_VERSION = (
    rf"(?:\b|[_.-])(?:{_VERSION_KEY})\.?(?:{QUOTE})?[ \t]*[:=]?[ \t]*(?:{QUOTE})?"  # version: / build=
    r"|[=!<>~]="  # pins
)
_AFTER_VERSION = rf"-{nocase('(?:rc|alpha|beta|dev|pre|snapshot)')}|\+[A-Za-z0-9]"
_FILTER_KEY = rf"(?:\b|[_.])(?:{nocase(by_first_letter('ip|addr|address|host|src|dst'))})=="

IPV4 = Detector(
    name="ipv4",
    entity="IP_ADDRESS",
    pattern=(
        rf"(?:{_BEFORE_VERSION}){_IPV4}\b|\b{_IPV4}(?:{_AFTER_VERSION})"  # versions: no value
        rf"|(?:{_FILTER_KEY})?\b(?P<value>{_IPV4})\b"
    ),
    validator=ipv4_valid,
    context=("ip", "ipv4", "address", "client", "remote", "host", "addr", "from"),
    examples=(
        "192.168.1.10",
        "10.0.0.1",
        "203.0.113.255",
        "255.255.255.255",
        "8.8.8.8",
        "client 10.0.0.5 connected",
        "from 192.168.1.20:443",
        "ip=8.8.8.8",
        "ip.src==10.0.0.1",
        "ip.addr == 10.0.0.1",
        "IP 10.0.0.5.443 > proxy.51234: Flags [S]",
        "ssh root@10.0.0.5",
        "server version 2.1, peer 10.1.2.3",
    ),
    near_misses=(
        "256.1.1.1",
        "192.168.1.300",
        "1.2.3",
        "3.8.18",
        "v1.2.3",
        "01.02.03.04",
        "2.1.0-rc.1",
        "v1.2.3.4",
        "pip install polars==2.4.16.0",
        "numpy>=1.26.4.1,!=1.26.0.0",
        "Build 8.5.2.7 started",
        "version: 1.2.3.4",
        '{"build": "10.0.1.2"}',
        "APP_VERSION=4.4.19.4",
        "ver. 6.1.7.60",
        "release 2.3.18.8",
        "rev 1.0.0.3",
        "firmware 1.2.3.4-rc1 rollout",
        "1.2.3.4-beta.2",
        "1.2.3.4-SNAPSHOT",
        "torch 2.1.0.1+cu118",
    ),
)


_HEX2 = r"[0-9A-Fa-f]{2}"


def mac_valid(value: str) -> bool:
    """Not the all-zero or broadcast address, which name no device."""
    return mac_canonical(value) not in ("00:00:00:00:00:00", "ff:ff:ff:ff:ff:ff")


def mac_canonical(value: str) -> str:
    """Lowercase, colon-separated: ``00-1A-2B-3C-4D-5E``, ``001a.2b3c.4d5e`` and ``00:1a:2b:3c:4d:5e`` are one."""
    hex_digits = "".join(c for c in value.lower() if c in "0123456789abcdef")
    return ":".join(hex_digits[i : i + 2] for i in range(0, 12, 2))


# Six pairs joined by colons or by dashes (one separator throughout), or Cisco's three dotted quads. Times
# have at most three colon groups and dates mix widths, so neither qualifies. Eight colon pairs are an IPv6
# address, which the IPv6 detector, placed before this one, takes whole.
MAC_ADDRESS = Detector(
    name="mac_address",
    entity="MAC_ADDRESS",
    pattern=(
        rf"\b{_HEX2}(?::{_HEX2}){{5}}\b|\b{_HEX2}(?:-{_HEX2}){{5}}\b"
        r"|\b[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\.[0-9A-Fa-f]{4}\b"
    ),
    validator=mac_valid,
    normalize=mac_canonical,
    context=("mac", "hardware", "ethernet", "wifi", "device", "bssid", "hwaddr"),
    examples=("00:1A:2B:3C:4D:5E", "3c-22-fb-7a-91-0e", "001a.2b3c.4d5e", "F0:9F:C2:11:22:33"),
    near_misses=(
        "18:48:11",
        "2026-11-27T18:48:11Z",
        "00:1A:2B:3C:4D",
        "00:1A-2B:3C:4D:5E",
        "00:00:00:00:00:00",
        "ff:ff:ff:ff:ff:ff",
        "12:30:45.123",
        "1a2b.3c4d",
    ),
)
