"""One exception root with narrow subclasses.

Messages carry names, paths, positions and counts; never a value read from the data or a secret.
"""

from __future__ import annotations


class MasklineError(Exception):
    """Root of every error Maskline raises on purpose."""

    retryable = False


class ConfigError(MasklineError):
    """The pipeline config or policy is invalid. Raised before any data is read."""

    def __init__(self, file: str, problems: list[str]) -> None:
        self.file = file
        self.problems = problems
        listing = "\n".join(f"  - {p}" for p in problems)
        super().__init__(f"Invalid config {file}:\n{listing}")


class UnknownNameError(MasklineError, KeyError):
    """A registry lookup for a name that is not registered."""

    def __init__(self, kind: str, name: str, valid: list[str], suggestion: str | None) -> None:
        self.kind = kind
        self.name = name
        self.valid = valid
        self.suggestion = suggestion
        hint = f" Did you mean '{suggestion}'?" if suggestion else ""
        super().__init__(f"Unknown {kind} '{name}'.{hint} Valid: {', '.join(valid)}")

    def __str__(self) -> str:  # KeyError would quote the message
        return str(self.args[0])


class KeyMissingError(MasklineError):
    """No pseudonymization key is available; the run refuses to start."""


class SourceError(MasklineError):
    """A source cannot be read. Connection problems are retryable, the rest are not."""

    def __init__(self, source: str, message: str, *, retryable: bool = False) -> None:
        self.source = source
        self.retryable = retryable
        super().__init__(f"Source '{source}': {message}")


class PolicyError(MasklineError):
    """The policy cannot be applied to the data (for example a strict policy and an unlisted column)."""


class ResidualFindingError(MasklineError):
    """The re-scan of the written output found sensitive values. Counts only, never values."""

    def __init__(self, dataset: str, findings: dict[str, dict[str, int]]) -> None:
        self.dataset = dataset
        self.findings = findings
        parts = [
            f"{column}: " + ", ".join(f"{entity}={n}" for entity, n in sorted(counts.items()))
            for column, counts in sorted(findings.items())
        ]
        super().__init__(
            f"Dataset '{dataset}': residual re-scan found sensitive values left in the output "
            f"({'; '.join(parts)}); nothing was published"
        )
