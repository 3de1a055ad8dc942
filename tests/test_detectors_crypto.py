"""Wallet addresses: checksum vectors from BIP-173, BIP-350, EIP-55 and Keccak-256 itself."""

from __future__ import annotations

import hashlib

import pytest

from masking.detectors.crypto import ETHEREUM_ADDRESS, ETHEREUM_IN_CONTEXT
from masking.detectors.crypto_checks import base58check_valid, eip55_valid, keccak256, segwit_address_valid

VALUES = {
    "ETH address: 0xde709f2102306220921060314715629080e2fb77": "0xde709f2102306220921060314715629080e2fb77",
    '{"wallet": "0x8617E340B3D01FA5F11F306F4090FD50E238070D"}': "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "send to address 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed": "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
}


def test_keccak256_known_digest() -> None:
    assert keccak256(b"").hex() == "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"


@pytest.mark.parametrize("size", [0, 1, 135, 136, 137, 300])
def test_keccak_with_sha3_padding_is_sha3(size: int) -> None:
    data = bytes(range(256)) * 2
    assert keccak256(data[:size], padding=0x06) == hashlib.sha3_256(data[:size]).digest()


@pytest.mark.parametrize(
    ("address", "ok"),
    [("0x52908400098527886E0F7030069857D2E4169EE7", True), ("0x8617E340B3D01FA5F11F306F4090FD50E238070D", True),
     ("0xde709f2102306220921060314715629080e2fb77", True), ("0x27b1fdb04752bbc536007a920d24acb045561c26", True),
     ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", True), ("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359", True),
     ("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB", True), ("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb", True),
     ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", False), ("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeA", False),
     ("5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00", False)],
)  # fmt: skip
def test_eip55_valid(address: str, ok: bool) -> None:
    assert eip55_valid(address) is ok


@pytest.mark.parametrize(
    ("address", "ok"),
    [("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", True), ("1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", True),
     ("3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy", True), ("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", False),
     ("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a", False), ("mipcBbFg9gMiCh81Kj8tqqdgoZub1ZJRfn", False),
     ("1111111111111111111114oLvT2", True), ("", False)],
)  # fmt: skip
def test_base58check_valid(address: str, ok: bool) -> None:
    assert base58check_valid(address) is ok


@pytest.mark.parametrize(
    ("address", "ok"),
    [("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", True),
     ("bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3", True),
     ("bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", True),
     ("BC1SW50QGDZ25J", True), ("bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", True),
     ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", True),
     ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", False),  # v0 with a Bech32m checksum
     ("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", False),  # v1 with a Bech32 checksum
     ("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", False),  # testnet
     ("bc1qW508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", False),  # mixed case
     ("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", False), ("bc1gmk9yu", False),
     ("bc1qr508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", False)],
)  # fmt: skip
def test_segwit_address_valid(address: str, ok: bool) -> None:
    assert segwit_address_valid(address) is ok


@pytest.mark.parametrize(
    "text",
    [
        "tx 0xde709f2102306220921060314715629080e2fb77 mined",  # lowercase, no wallet word: a hash
        "storage slot 0x8617E340B3D01FA5F11F306F4090FD50E238070D",  # all capitals, no wallet word
        "block 0x4bf92f3577b34da6a3ce929d0e0e47364bf92f3577b34da6a3ce929d0e0e4736",  # 32 bytes
    ],
)
def test_unchecksummed_hex_needs_wallet_words(text: str) -> None:
    assert ETHEREUM_ADDRESS.find(text) == [] and ETHEREUM_IN_CONTEXT.find(text) == []
