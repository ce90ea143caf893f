#!/usr/bin/env bash
# Starts the debug server for the browser tests on a fresh database with the demo data:
# a new SQLite file, or a new PostgreSQL database when E2E_POSTGRES names a server.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf target/e2e && mkdir -p target/e2e
if [ -n "${E2E_POSTGRES:-}" ]; then
  name="samverkan_e2e_$(date +%s%N)"
  psql "$E2E_POSTGRES/postgres" -qc "CREATE DATABASE $name"
  export DATABASE_URL="$E2E_POSTGRES/$name"
else
  export DATABASE_URL="sqlite://$PWD/target/e2e/e2e.db"
fi
export LEPTOS_SITE_ROOT=target/site
export SAMVERKAN_ADDR="127.0.0.1:${E2E_PORT:-3100}"
export RUST_LOG=warn
target/debug/samverkan demo-data
exec target/debug/samverkan serve
