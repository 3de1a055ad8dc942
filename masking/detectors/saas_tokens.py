"""Tokens of SaaS APIs with a recognizable prefix: Slack, Stripe, Twilio, SendGrid.

``sk_test_4eC39HqLyjWDarjtT1zdp7dc`` is Stripe's documented test key; every other value is made up here
with ``Fake`` in it. Token detectors come before the generic ``password=``/``token=`` detectors, so a token
after such a key is reported under its vendor's entity.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.patterns import keyed
from masking.detectors.validators import token_like

# Bot, user, app-level, refresh and configuration tokens: `xoxb-<team>-<bot>-<secret>`, `xapp-1-<app>-...`.
SLACK_TOKEN = Detector(
    name="slack_token",
    entity="SLACK_TOKEN",
    pattern=r"\b(?:xox[abeoprs]|xapp)-[0-9]+-[0-9A-Za-z-]{10,}",
    validator=token_like,
    context=("slack", "bot", "token", "oauth"),
    examples=(
        "xoxb-123456789012-1234567890123-MasklineFakeBotTok3n",
        "xoxp-123456789012-123456789012-123456789012-0a1b2c3d4e5fFake",
        "xoxa-2-123456789012-MasklineFakeAppToken99",
        "xoxr-123456789012-MasklineFakeRefresh1",
        "xapp-1-A0123FAKE45-1234567890123-0a1b2c3d4e5f6a7b8c9dFake",
    ),
    near_misses=("xoxb-your-token", "xoxb-123456789012-" + "x" * 24, "xoxq-123456789012-MasklineFakeBotTok3n", "xox"),
)

SLACK_WEBHOOK = Detector(
    name="slack_webhook",
    entity="SLACK_WEBHOOK",
    pattern=r"https://hooks\.slack\.com/services/(?P<value>T[A-Z0-9]{6,}/B[A-Z0-9]{6,}/[A-Za-z0-9]{16,})",
    validator=token_like,
    context=("slack", "webhook", "incoming webhook", "notify"),
    examples=("https://hooks.slack.com/services/T0FAKE001/B0FAKE002/MasklineFake0123456789ab",),
    near_misses=(
        "https://hooks.slack.com/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",  # Slack's docs
        "https://hooks.slack.com/services/",
        "https://api.slack.com/messaging/webhooks",
    ),
)

# Secret and restricted keys, live or test, and webhook signing secrets. Publishable keys (`pk_`) are public.
STRIPE_KEY = Detector(
    name="stripe_key",
    entity="STRIPE_KEY",
    pattern=r"\b(?:(?:sk|rk)_(?:live|test)_[0-9A-Za-z]{16,}|whsec_[0-9A-Za-z]{24,})\b",
    validator=token_like,
    context=("stripe", "payment", "secret key", "webhook"),
    examples=(
        "sk_test_4eC39HqLyjWDarjtT1zdp7dc",
        "sk_live_51MasklineFake0123456789abcdEFGH",
        "rk_live_51MasklineFakeRestricted0123456789",
        "whsec_MasklineFakeSigningSecret0123456789",
    ),
    near_misses=("pk_live_51MasklineFake0123456789abcdEFGH", "sk_live_short", "sk_live_xxxxxxxxxxxxxxxxxxxx"),
)

# Account SIDs (`AC` + 32 hex), API key SIDs (`SK` + 32 hex) and auth tokens (32 hex): hex strings like
# trace ids, so only after Twilio's words.
TWILIO_KEY = Detector(
    name="twilio_key",
    entity="TWILIO_KEY",
    pattern=keyed(
        r"twilio[a-z_ -]*?|account[ _-]?sid|api[ _-]?key[ _-]?sid",
        r"(?:AC|SK)?[0-9a-fA-F]{32}\b",
    ),
    validator=token_like,
    context=("twilio", "sid", "sms", "auth token"),
    examples=(
        "TWILIO_ACCOUNT_SID=AC0123456789abcdef0123456789abcdef",
        '"account_sid": "AC0123456789abcdef0123456789abcdef"',
        "twilio api key: SKfedcba9876543210fedcba9876543210",
        "TWILIO_AUTH_TOKEN=9f8e7d6c5b4a39281716a5b4c3d2e1f0",
    ),
    near_misses=(
        "AC0123456789abcdef0123456789abcdef",
        "account_sid: AC0123",
        "trace_id=4bf92f3577b34da6a3ce929d0e0e4736",
        "TWILIO_ACCOUNT_SID=ACxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
    ),
)

_FAKE_SENDGRID = "SG.MasklineFake-012345678.Fake_Secret-0123456789abcdefghijKLMNOPQRSTU"

SENDGRID_KEY = Detector(
    name="sendgrid_key",
    entity="SENDGRID_KEY",
    pattern=r"\b(?P<value>SG\.[0-9A-Za-z_-]{22}\.[0-9A-Za-z_-]{43})(?:[^0-9A-Za-z_-]|$)",
    validator=token_like,
    context=("sendgrid", "mail", "smtp", "api key"),
    examples=(_FAKE_SENDGRID, f"SENDGRID_API_KEY='{_FAKE_SENDGRID}'"),
    near_misses=(_FAKE_SENDGRID[:-1], _FAKE_SENDGRID + "W", "SG.short.key"),
)
