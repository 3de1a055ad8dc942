"""Developer platform tokens with a recognizable prefix: GitLab, npm, PyPI.

All values are made up here (``Fake`` in each); the PyPI token is a macaroon whose fixed head encodes
``pypi.org``, followed by made-up characters.
"""

from __future__ import annotations

from masking.detectors.base import Detector
from masking.detectors.validators import token_like

_FAKE_20 = "MasklineFake0123abcd"

# Personal, deploy, runner, pipeline-trigger, feed, OAuth-app, CI-job and other tokens. Since GitLab 17 a
# token may carry dot-separated routing parts; a dot only counts when more token characters follow it.
GITLAB_TOKEN = Detector(
    name="gitlab_token",
    entity="GITLAB_TOKEN",
    pattern=(
        r"\b(?:gl(?:pat|dt|rt|ptt|ft|oas|soat|cbt|imt|agent)-|GR1348941)"
        r"[0-9A-Za-z_-]{20,}(?:\.[0-9A-Za-z_-]+)*"
    ),
    validator=token_like,
    context=("gitlab", "token", "pat", "runner", "deploy"),
    examples=(f"glpat-{_FAKE_20}", f"gldt-{_FAKE_20}xyz", f"glrt-{_FAKE_20}.01.1a2b3c4d5", f"GR1348941{_FAKE_20}"),
    near_misses=("glpat-short", "glpat-xxxxxxxxxxxxxxxxxxxx", f"glxyz-{_FAKE_20}", "glpat-<your-token>"),
)

NPM_TOKEN = Detector(
    name="npm_token",
    entity="NPM_TOKEN",
    pattern=r"\bnpm_[A-Za-z0-9]{36}\b",
    validator=token_like,
    context=("npm", "npmrc", "registry", "_authToken"),
    examples=(f"npm_{_FAKE_20}0123456789ABCDEF",),
    near_misses=(f"npm_{_FAKE_20}", f"npm_{_FAKE_20}0123456789ABCDEFG", "npm_" + "x" * 36, "npm_install_flags"),
)

_PYPI_HEAD = "pypi-AgEIcHlwaS5vcmc"  # base64 of the macaroon header naming pypi.org

PYPI_TOKEN = Detector(
    name="pypi_token",
    entity="PYPI_TOKEN",
    pattern=r"\bpypi-AgE(?:IcHlwaS5vcmc|NdGVzdC5weXBpLm9yZw)[A-Za-z0-9_-]{50,}",
    validator=token_like,
    context=("pypi", "twine", "upload", "pip"),
    examples=(f"{_PYPI_HEAD}CJGFiY2RlZmFrZS0wMTIzLTQ1NjctODlhYi1NYXNrbGluZUZha2UAAixbMSwiZmFrZSJdAAAGIK",),
    near_misses=(f"{_PYPI_HEAD}short", "pypi-token-here", "pypi-AgEIcHlwaS5vcmc" + "x" * 60),
)
