#!/usr/bin/env bash
# Runs once, when the PostgreSQL volume is empty: one role and one database each for Airflow's metadata,
# Marquez, and the demo production database `prod` (read by Maskline as `maskline_reader`).
# Passwords come from the environment (docker/.env); none is written in this repository.
set -eo pipefail

: "${AIRFLOW_DB_PASSWORD:?AIRFLOW_DB_PASSWORD is not set (see docker/.env.example)}"
: "${PROD_DB_PASSWORD:?PROD_DB_PASSWORD is not set (see docker/.env.example)}"

psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  -v airflow_password="$AIRFLOW_DB_PASSWORD" -v prod_password="$PROD_DB_PASSWORD" <<'SQL'
CREATE ROLE airflow LOGIN PASSWORD :'airflow_password';
CREATE DATABASE airflow OWNER airflow;

-- Marquez's image reads database `marquez` as marquez/marquez (its built-in marquez.dev.yml).
CREATE ROLE marquez LOGIN PASSWORD 'marquez';
CREATE DATABASE marquez OWNER marquez;

CREATE ROLE maskline_reader LOGIN PASSWORD :'prod_password';
CREATE DATABASE prod;
REVOKE ALL ON DATABASE prod FROM PUBLIC;
GRANT CONNECT ON DATABASE prod TO maskline_reader;
SQL
