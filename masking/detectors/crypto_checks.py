"""Checksums of cryptocurrency addresses: Base58Check, Bech32/Bech32m (BIP-173/350) and EIP-55.

EIP-55 hashes with Keccak-256, which is *not* hashlib's ``sha3_256`` (SHA-3 pads differently), so a small
pure-Python Keccak lives here. It only ever runs on distinct candidates, never over whole columns.
"""

from __future__ import annotations

import hashlib

# ---- Keccak-256 -----------------------------------------------------------------------------------------

_ROUND_CONSTANTS = (
    0x0000000000000001, 0x0000000000008082, 0x800000000000808A, 0x8000000080008000, 0x000000000000808B,
    0x0000000080000001, 0x8000000080008081, 0x8000000000008009, 0x000000000000008A, 0x0000000000000088,
    0x0000000080008009, 0x000000008000000A, 0x000000008000808B, 0x800000000000008B, 0x8000000000008089,
    0x8000000000008003, 0x8000000000008002, 0x8000000000000080, 0x000000000000800A, 0x800000008000000A,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
)  # fmt: skip
_ROTATIONS = ((0, 36, 3, 41, 18), (1, 44, 10, 45, 2), (62, 6, 43, 15, 61), (28, 55, 25, 21, 56), (27, 20, 39, 8, 14))
_MASK = (1 << 64) - 1
_RATE = 136  # bytes absorbed per permutation for a 256-bit output


def _rotl(lane: int, n: int) -> int:
    return ((lane << n) | (lane >> (64 - n))) & _MASK if n else lane


def _keccak_f(a: list[list[int]]) -> None:
    for rc in _ROUND_CONSTANTS:
        c = [a[x][0] ^ a[x][1] ^ a[x][2] ^ a[x][3] ^ a[x][4] for x in range(5)]
        d = [c[(x - 1) % 5] ^ _rotl(c[(x + 1) % 5], 1) for x in range(5)]
        b = [[0] * 5 for _ in range(5)]
        for x in range(5):
            for y in range(5):
                b[y][(2 * x + 3 * y) % 5] = _rotl(a[x][y] ^ d[x], _ROTATIONS[x][y])
        for x in range(5):
            for y in range(5):
                a[x][y] = b[x][y] ^ (~b[(x + 1) % 5][y] & b[(x + 2) % 5][y])
        a[0][0] ^= rc


def keccak256(data: bytes, *, padding: int = 0x01) -> bytes:
    """Keccak-256 as Ethereum uses it; ``padding=0x06`` gives SHA3-256 (used to test this function)."""
    message = bytearray(data) + bytes([padding]) + bytes(-(len(data) + 1) % _RATE)
    message[-1] |= 0x80
    state = [[0] * 5 for _ in range(5)]
    for offset in range(0, len(message), _RATE):
        block = message[offset : offset + _RATE]
        for i in range(_RATE // 8):
            state[i % 5][i // 5] ^= int.from_bytes(block[8 * i : 8 * i + 8], "little")
        _keccak_f(state)
    return b"".join(state[i % 5][i // 5].to_bytes(8, "little") for i in range(4))


def eip55_valid(address: str) -> bool:
    """``0x`` + 40 hex whose letter cases spell the EIP-55 checksum (a hex letter is capital when the
    matching nibble of keccak256(lowercase address) is 8 or more)."""
    body = address[2:]
    if not address.startswith("0x") or len(body) != 40:
        return False
    nibbles = keccak256(body.lower().encode()).hex()
    return all(c.isdigit() or c.isupper() == (int(n, 16) >= 8) for c, n in zip(body, nibbles[:40], strict=True))


# ---- Base58Check (legacy Bitcoin addresses) -------------------------------------------------------------

_BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
_BASE58_INDEX = {c: i for i, c in enumerate(_BASE58)}
_BITCOIN_VERSIONS = (0x00, 0x05)  # P2PKH (`1...`) and P2SH (`3...`) on mainnet


def base58check_valid(address: str) -> bool:
    """A mainnet P2PKH/P2SH address: 25 bytes whose last 4 are sha256(sha256(first 21))[:4]."""
    number = 0
    for char in address:
        if char not in _BASE58_INDEX:
            return False
        number = number * 58 + _BASE58_INDEX[char]
    leading_zeros = len(address) - len(address.lstrip("1"))
    raw = bytes(leading_zeros) + number.to_bytes((number.bit_length() + 7) // 8, "big")
    if len(raw) != 25 or raw[0] not in _BITCOIN_VERSIONS:
        return False
    payload, checksum = raw[:-4], raw[-4:]
    return hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4] == checksum


# ---- Bech32 / Bech32m (SegWit addresses) ----------------------------------------------------------------

_BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"
_BECH32_INDEX = {c: i for i, c in enumerate(_BECH32)}
_GENERATOR = (0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3)
_BECH32_CONST, _BECH32M_CONST = 1, 0x2BC830A3


def _polymod(values: list[int]) -> int:
    checksum = 1
    for value in values:
        top = checksum >> 25
        checksum = (checksum & 0x1FFFFFF) << 5 ^ value
        for i, generator in enumerate(_GENERATOR):
            if (top >> i) & 1:
                checksum ^= generator
    return checksum


def _program_length(data: list[int]) -> int | None:
    """Bytes of the witness program in 5-bit groups (BIP-173 padding rules), or None if malformed."""
    bits = len(data) * 5
    if bits % 8 >= 5:
        return None
    tail = data[-1] & ((1 << (bits % 8)) - 1) if data and bits % 8 else 0
    return None if tail else bits // 8


def segwit_address_valid(address: str) -> bool:
    """A mainnet ``bc1`` address: one case, Bech32 checksum for witness v0 (20 or 32 bytes), Bech32m for
    v1-v16 (2 to 40 bytes)."""
    if address not in (address.lower(), address.upper()) or len(address) > 90:
        return False
    hrp, _, rest = address.lower().rpartition("1")
    if hrp != "bc" or len(rest) < 7 or any(c not in _BECH32_INDEX for c in rest):
        return False
    data = [_BECH32_INDEX[c] for c in rest]
    expanded = [ord(c) >> 5 for c in hrp] + [0] + [ord(c) & 31 for c in hrp]
    constant = _polymod(expanded + data)
    version, program = data[0], data[1:-6]
    length = _program_length(program)
    if version > 16 or length is None or not 2 <= length <= 40:
        return False
    if version == 0:
        return constant == _BECH32_CONST and length in (20, 32)
    return constant == _BECH32M_CONST
