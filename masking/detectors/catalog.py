"""Every built-in detector, registered by name, and the order in which they compete for a span.

The scanner joins the patterns into one alternation, ``(?:p1)|(?:p2)|...``, which is leftmost-first: where
two detectors could start at the same character the earlier one wins. The scanner then re-runs every
detector, in this order, over each distinct candidate span, and earlier detectors win overlaps there too.
So a longer candidate never loses what is inside it, and the order decides which entity a span gets:

1. whole blocks and self-describing tokens: a PEM block before anything inside it, a JWT before the bearer
   header that carries it, vendor tokens (``sk-ant-``, ``ghp_``, ``AKIA``...) before any key=value rule;
2. secrets in URLs and connection strings, before the email-like ``user:pass@host``;
3. authorization headers, then secrets named by their key (AWS, Azure, Twilio), then the generic
   ``password=``/``token=`` rules, and last among secrets the high-entropy catch-all;
4. wallets, email, payment data, then government and medical ids, then the context-only personal data, and
   last person names read from their context (``Thanks Riley,``, ``customer Jane Doe``, ``Jane Doe <jane@x>``):
   after the email, so a display name never takes the address, and after the username and street address;
5. phone numbers, then network addresses: IPv6 (which can end in an IPv4 address) before MAC and IPv4.
"""

from __future__ import annotations

from masking.detectors.ai_keys import ANTHROPIC_KEY, HUGGINGFACE_TOKEN, OPENAI_KEY
from masking.detectors.base import Detector
from masking.detectors.cloud_secrets import AWS_SECRET_KEY, AZURE_SAS, AZURE_STORAGE_KEY, GOOGLE_API_KEY
from masking.detectors.connection_strings import ADO_CONNECTION_STRING, JDBC_URL, ORACLE_JDBC_URL
from masking.detectors.contact import EMAIL, PHONE, PHONE_EUROPE, PHONE_IN_CONTEXT
from masking.detectors.crypto import BITCOIN_ADDRESS, BITCOIN_BECH32, ETHEREUM_ADDRESS, ETHEREUM_IN_CONTEXT
from masking.detectors.dev_tokens import GITLAB_TOKEN, NPM_TOKEN, PYPI_TOKEN
from masking.detectors.entropy import HIGH_ENTROPY_SECRET
from masking.detectors.financial import ABA_ROUTING, CREDIT_CARD, CREDIT_CARD_19, IBAN, SWIFT_BIC
from masking.detectors.government import UK_NINO, US_DRIVER_LICENSE, US_PASSPORT, US_SSN, US_SSN_IN_CONTEXT
from masking.detectors.medical import DEA_NUMBER, ICD10_CODE, MEDICAL_RECORD_NUMBER, US_NPI
from masking.detectors.names import (
    PERSON_DISPLAY_NAME,
    PERSON_GREETING,
    PERSON_HEADER,
    PERSON_HERE,
    PERSON_INTRODUCED,
    PERSON_ITS,
    PERSON_MENTION,
    PERSON_POSSESSIVE,
    PERSON_ROLE,
    PERSON_ROLE_TITLE,
    PERSON_SIGNATURE,
    PERSON_SIGNOFF,
    PERSON_SPEAKER,
)
from masking.detectors.network import IPV4, IPV6, MAC_ADDRESS
from masking.detectors.people import (
    AGE,
    AGE_IN_YEARS,
    DATE_OF_BIRTH,
    STREET_ADDRESS,
    STREET_ADDRESS_IN_CONTEXT,
    UK_POSTCODE,
    USERNAME,
)
from masking.detectors.saas_tokens import SENDGRID_KEY, SLACK_TOKEN, SLACK_WEBHOOK, STRIPE_KEY, TWILIO_KEY
from masking.detectors.secrets import (
    API_TOKEN,
    AUTHORIZATION_HEADER,
    AWS_ACCESS_KEY,
    BEARER_TOKEN,
    GITHUB_TOKEN,
    JWT,
    PASSWORD,
    PASSWORD_IN_PROSE,
    PASSWORD_LOOSE,
    PGPASS,
    PRIVATE_KEY,
    QUOTED_PASSWORD,
    URL_CREDENTIALS,
)
from masking.registry import Registry

_PRIORITY: tuple[Detector, ...] = (
    # 1. blocks and vendor tokens
    PRIVATE_KEY,
    JWT,
    ANTHROPIC_KEY,
    OPENAI_KEY,
    GITHUB_TOKEN,
    GITLAB_TOKEN,
    SLACK_TOKEN,
    STRIPE_KEY,
    SENDGRID_KEY,
    GOOGLE_API_KEY,
    HUGGINGFACE_TOKEN,
    NPM_TOKEN,
    PYPI_TOKEN,
    AWS_ACCESS_KEY,
    # 2. URLs and connection strings
    SLACK_WEBHOOK,
    AZURE_SAS,
    JDBC_URL,
    ORACLE_JDBC_URL,
    ADO_CONNECTION_STRING,
    URL_CREDENTIALS,
    # 3. headers, named secrets, key=value rules
    AUTHORIZATION_HEADER,
    BEARER_TOKEN,
    AWS_SECRET_KEY,
    AZURE_STORAGE_KEY,
    TWILIO_KEY,
    QUOTED_PASSWORD,
    PASSWORD,
    PASSWORD_LOOSE,
    PASSWORD_IN_PROSE,
    PGPASS,
    API_TOKEN,
    HIGH_ENTROPY_SECRET,
    # 4. wallets, email, payment, government, medical, personal
    ETHEREUM_IN_CONTEXT,
    ETHEREUM_ADDRESS,
    BITCOIN_BECH32,
    BITCOIN_ADDRESS,
    EMAIL,
    IBAN,
    CREDIT_CARD_19,
    CREDIT_CARD,
    SWIFT_BIC,
    ABA_ROUTING,
    US_SSN,
    US_SSN_IN_CONTEXT,
    UK_NINO,
    US_PASSPORT,
    US_DRIVER_LICENSE,
    US_NPI,
    DEA_NUMBER,
    MEDICAL_RECORD_NUMBER,
    ICD10_CODE,
    DATE_OF_BIRTH,
    AGE,
    AGE_IN_YEARS,
    USERNAME,
    STREET_ADDRESS,
    STREET_ADDRESS_IN_CONTEXT,
    UK_POSTCODE,
    PERSON_INTRODUCED,
    PERSON_ROLE,
    PERSON_ROLE_TITLE,
    PERSON_GREETING,
    PERSON_SIGNOFF,
    PERSON_ITS,
    PERSON_HERE,
    PERSON_DISPLAY_NAME,
    PERSON_HEADER,
    PERSON_SPEAKER,
    PERSON_MENTION,
    PERSON_POSSESSIVE,
    PERSON_SIGNATURE,
    # 5. phones and network addresses
    PHONE,
    PHONE_EUROPE,
    PHONE_IN_CONTEXT,
    IPV6,
    MAC_ADDRESS,
    IPV4,
)

DETECTORS: Registry[Detector] = Registry("detector")
for _detector in _PRIORITY:
    DETECTORS.register(_detector.name, _detector)


def default_detectors() -> list[Detector]:
    """All built-in detectors, most specific first (the order the scanner's alternation relies on)."""
    return list(_PRIORITY)
