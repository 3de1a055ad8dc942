"""Cloud provider credentials: AWS secret access keys, Google API keys, Azure storage keys and SAS signatures.

``wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY`` is AWS's documented example secret; the Azure account key is the
published key of the local storage emulator (Azurite's ``devstoreaccount1``); the rest is made up here.
Google service-account JSON keys (``"private_key": "-----BEGIN PRIVATE KEY-----\\n..."``) are PEM blocks with
JSON-escaped newlines, found whole by the private key detector.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.patterns import keyed, nocase
from masking.detectors.validators import token_like

# A fixed-length value ends where its alphabet ends; the character after it is matched (not masked) in
# place of a look-ahead, so that a longer value is not cut to a prefix.
_AFTER_BASE64 = r"(?:[^A-Za-z0-9/+=]|$)"
_AFTER_URLSAFE = r"(?:[^A-Za-z0-9_-]|$)"

# Forty characters of base64 are also git SHAs and digests, so only after the key's name.
AWS_SECRET_KEY = Detector(
    name="aws_secret_key",
    entity="AWS_SECRET_KEY",
    pattern=keyed(
        r"aws[_-]?secret(?:[_-]?access)?[_-]?key|secret[_-]?access[_-]?key|aws[ _-]secret",
        r"[A-Za-z0-9/+]{40}",
        end=_AFTER_BASE64,
    ),
    validator=token_like,
    context=("aws", "secret", "iam", "credentials", "boto"),
    examples=(
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        '"SecretAccessKey": "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
        "AWS_SECRET_ACCESS_KEY=Zm9vYmFyMaskline+Fake/Secret0123456789ab",
    ),
    near_misses=(
        "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY0",
        "aws_secret_access_key=${AWS_SECRET_ACCESS_KEY}",
        "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
        "aws_secret_access_key: xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ),
)

_FAKE_GOOGLE = "AIzaSyMaskline-Fake_Key0123456789abcdef"

GOOGLE_API_KEY = Detector(
    name="google_api_key",
    entity="GOOGLE_API_KEY",
    pattern=rf"\b(?P<value>AIza[0-9A-Za-z_-]{{35}}){_AFTER_URLSAFE}",
    validator=token_like,
    context=("google", "gcp", "firebase", "maps", "api key", "youtube"),
    examples=(_FAKE_GOOGLE, f"https://maps.googleapis.com/maps/api/geocode/json?key={_FAKE_GOOGLE}&address=x"),
    near_misses=(_FAKE_GOOGLE[:-1], _FAKE_GOOGLE + "e", "AIza" + "x" * 35, "AIzaSyA-fake-0123456789"),
)

_AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw=="

# Storage account keys are 64 random bytes in base64 (88 characters); Service Bus and Event Hubs
# SharedAccessKeys are 32 bytes (44 characters). Both sit in connection strings or named settings.
AZURE_STORAGE_KEY = Detector(
    name="azure_storage_key",
    entity="AZURE_KEY",
    pattern=keyed(
        r"account[_-]?key|shared[_-]?access[_-]?key|azure[_-]?storage[_-]?(?:account[_-]?)?(?:access[_-]?)?key"
        r"|storage[_-]?account[_-]?key",
        r"[A-Za-z0-9+/]{40,}={0,2}",
    ),
    validator=token_like,
    context=("azure", "storage", "blob", "connection string", "service bus", "event hub"),
    examples=(
        f"DefaultEndpointsProtocol=https;AccountName=devstoreaccount1;AccountKey={_AZURITE_KEY};",
        f"AZURE_STORAGE_KEY={_AZURITE_KEY}",
        "Endpoint=sb://ns.servicebus.windows.net/;SharedAccessKeyName=Root;"
        "SharedAccessKey=MasklineFakeKey0123456789abcdefGHIJKLMNOPqr=",
    ),
    near_misses=(
        "AccountKey=;",
        "AccountKey=${AZURE_KEY}",
        "SharedAccessKeyName=RootManageSharedAccessKey",
        _AZURITE_KEY,
    ),
)

# A shared access signature is a URL query (`sv=...&se=...&sig=...`), in a blob URL or after
# `SharedAccessSignature=` in a connection string; its `sig` is the secret part.
AZURE_SAS = Detector(
    name="azure_sas",
    entity="AZURE_KEY",
    pattern=rf"[?&;]{nocase('sig')}=(?P<value>[A-Za-z0-9%+/=_-]{{20,}})",
    validator=token_like,
    context=("sas", "azure", "blob", "signature", "shared access"),
    examples=(
        "https://acct.blob.core.windows.net/c/report.pdf?sv=2022-11-02&se=2026-12-31T00%3A00Z&sr=b&sp=r"
        "&sig=MasklineFakeSig0123456789abcdEFGH%3D",
        "BlobEndpoint=https://acct.blob.core.windows.net/;SharedAccessSignature=sv=2022-11-02&ss=b&srt=sco"
        "&sp=rl&sig=Fake%2BSignature0123456789abcdefGH%3D",
    ),
    near_misses=("?sig=short", "signature=MasklineFakeSig0123456789abcdEFGH", "&sig=" + "X" * 24),
)
