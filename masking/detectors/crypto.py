"""Cryptocurrency wallet addresses: Bitcoin (Base58Check, Bech32/Bech32m) and Ethereum.

Examples are the addresses published in BIP-13, BIP-173, BIP-350 and EIP-55 and the Bitcoin genesis address.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.crypto_checks import base58check_valid, eip55_valid, segwit_address_valid
from masking.detectors.patterns import keyed
from masking.detectors.validators import lowercase

_WALLET_CONTEXT = ("wallet", "bitcoin", "btc", "eth", "ethereum", "crypto", "address", "send", "pay")

# The double-SHA256 checksum is what keeps this shape (26-35 base58 characters after 1 or 3) from flagging
# random ids: a random string passes one time in four billion.
BITCOIN_ADDRESS = Detector(
    name="bitcoin_address",
    entity="CRYPTO_WALLET",
    pattern=r"\b[13][1-9A-HJ-NP-Za-km-z]{25,}\b",  # at most 35 long: the checksum decides
    validator=base58check_valid,
    context=_WALLET_CONTEXT,
    examples=(
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa",
        "1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2",
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLy",
    ),
    near_misses=(
        "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb",  # checksum broken
        "3J98t1WpEZ73CNmQviecrnyiWrnqRhWNLz",
        "1Password7Manager8Setup9Wizard",
        "13f2b8c1e9a4d4e2f8b1a2c3d4e5f6a7b",
    ),
)

# Bech32 addresses are all lowercase or all capitals (QR codes use capitals); mixed case is invalid.
BITCOIN_BECH32 = Detector(
    name="bitcoin_bech32",
    entity="CRYPTO_WALLET",
    pattern=r"\b(?:bc1[02-9ac-hj-np-z]{11,}|BC1[02-9AC-HJ-NP-Z]{11,})\b",  # at most 90 long: checked
    validator=segwit_address_valid,
    normalize=lowercase,
    context=_WALLET_CONTEXT,
    examples=(
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
        "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4",
        "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
        "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
    ),
    near_misses=(
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5",  # checksum broken
        "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh",  # witness v0 with a Bech32m checksum (BIP-350)
        "tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx",  # testnet
        "bc1 is not an address",
    ),
)

_ETH = r"0x[0-9a-fA-F]{40}\b"


def _ethereum_checksummed(value: str) -> bool:
    return value[2:] not in (value[2:].lower(), value[2:].upper()) and eip55_valid(value)


def _ethereum_in_context(value: str) -> bool:
    return value[2:] in (value[2:].lower(), value[2:].upper()) or eip55_valid(value)


# `0x` and 40 hex digits is also how hashes and storage keys are printed, so without context only mixed case
# that spells the EIP-55 checksum counts (one in ~2^15 random mixed-case strings would).
ETHEREUM_ADDRESS = Detector(
    name="ethereum_address",
    entity="CRYPTO_WALLET",
    pattern=rf"\b{_ETH}",
    validator=_ethereum_checksummed,
    normalize=lowercase,
    context=_WALLET_CONTEXT,
    examples=(
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
        "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
        "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
    ),
    near_misses=(
        "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",  # all lowercase: a hash as much as an address
        "0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED",
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  # checksum broken
        "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed00",
    ),
)

# After wallet words any case counts; mixed case must still be a valid checksum.
ETHEREUM_IN_CONTEXT = Detector(
    name="ethereum_in_context",
    entity="CRYPTO_WALLET",
    pattern=keyed(
        r"eth(?:ereum)?(?:[ _-]?(?:address|addr|wallet))?|wallet(?:[ _-]?address)?|recipient(?:[ _-]?address)?"
        r"|deposit(?:[ _-]?address)?|(?:from|to)[ _-]?address|addr(?:ess)?",
        _ETH,
    ),
    validator=_ethereum_in_context,
    normalize=lowercase,
    context=_WALLET_CONTEXT,
    examples=(
        "ETH address: 0xde709f2102306220921060314715629080e2fb77",
        '{"wallet": "0x8617E340B3D01FA5F11F306F4090FD50E238070D"}',
        "send to address 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",
    ),
    near_misses=(
        "tx hash 0xde709f2102306220921060314715629080e2fb77",
        "wallet: 0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD",  # mixed case, checksum broken
        "address: 0xde709f2102306220921060314715629080e2fb77ab",
        "wallet: ${ETH_WALLET}",
    ),
)
