#!/usr/bin/env sh
# Write docker/.env from docker/.env.example, filling every empty value with a fresh random secret.
# Refuses to overwrite an existing docker/.env: the masking key in it must outlive the stack.
set -eu
cd "$(dirname "$0")"
if [ -e .env ]; then
  echo "docker/.env exists; not overwriting it (delete it first to start over)" >&2
  exit 1
fi
random_hex() { od -An -tx1 -N32 /dev/urandom | tr -d ' \n'; }
random_fernet() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '\n'; }
umask 077
while IFS= read -r line; do
  case "$line" in
    AIRFLOW_FERNET_KEY=) echo "AIRFLOW_FERNET_KEY=$(random_fernet)" ;;
    [A-Z]*=) echo "${line}$(random_hex)" ;;
    *) echo "$line" ;;
  esac
done < .env.example > .env
echo "wrote docker/.env (Airflow login: admin / the AIRFLOW_ADMIN_PASSWORD in it)"
