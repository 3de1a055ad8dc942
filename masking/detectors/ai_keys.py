"""API keys of AI providers: OpenAI, Anthropic, Hugging Face. All values are made up here (``Fake`` in each)."""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import token_like

_FAKE_48 = "MasklineFake0123456789abcdefGHIJKLmnopqrST012345"

# Project, service-account and admin keys (`sk-proj-...`, about 160 characters), and the older
# `sk-` + 48 alphanumerics. Anthropic's `sk-ant-` keys are not taken: a dash follows `sk-ant`.
OPENAI_KEY = Detector(
    name="openai_key",
    entity="OPENAI_KEY",
    pattern=r"\bsk-(?:(?:proj|svcacct|admin|None)-[A-Za-z0-9_-]{20,}|[A-Za-z0-9]{48}\b)",
    validator=token_like,
    context=("openai", "chatgpt", "gpt", "api key", "OPENAI_API_KEY"),
    examples=(
        f"sk-{_FAKE_48}",
        f"sk-proj-{_FAKE_48}_-{_FAKE_48}",
        f"sk-svcacct-{_FAKE_48}",
    ),
    near_misses=(f"sk-{_FAKE_48[:-1]}", "sk-proj-your-key-here", "sk-proj-xxxxxxxxxxxxxxxxxxxxxxxx", "sk-learn"),
)

ANTHROPIC_KEY = Detector(
    name="anthropic_key",
    entity="ANTHROPIC_KEY",
    pattern=r"\bsk-ant-(?:api|admin)[0-9]{2}-[A-Za-z0-9_-]{32,}",
    validator=token_like,
    context=("anthropic", "claude", "api key", "ANTHROPIC_API_KEY"),
    examples=(f"sk-ant-api03-{_FAKE_48}-{_FAKE_48}AA", f"sk-ant-admin01-{_FAKE_48}"),
    near_misses=("sk-ant-api03-short", "sk-ant-api03-" + "x" * 40, "sk-ant-...", "claude-3-5-sonnet-20241022"),
)

HUGGINGFACE_TOKEN = Detector(
    name="huggingface_token",
    entity="HUGGINGFACE_TOKEN",
    pattern=r"\bhf_[A-Za-z0-9]{34,}\b",
    validator=token_like,
    context=("hugging face", "huggingface", "hf", "HF_TOKEN", "hub"),
    examples=("hf_MasklineFakeTokenAbCdEfGhIjKlMnOpQr", "hf_Fake0123456789abcdefGHIJKLMNOPqrstuvWXYZ"),
    near_misses=("hf_" + "x" * 34, "hf_MasklineFakeToken", "hf_hub_download", "HF_TOKEN=${HF_TOKEN}"),
)
