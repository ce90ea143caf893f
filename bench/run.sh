#!/usr/bin/env bash
# `make bench`: the release build on ten years of a large municipality, driven by wrk at 16
# connections as a signed-in coordinator. Prints a table and writes target/bench/latest.json.
# BENCH_SECONDS (default 10) per endpoint; BENCH_DATABASES "sqlite postgres" (postgres when
# reachable at BENCH_POSTGRES, default postgres://postgres@127.0.0.1:5432).
set -euo pipefail
cd "$(dirname "$0")/.."
out=target/bench
mkdir -p "$out"
seconds=${BENCH_SECONDS:-10}
port=${BENCH_PORT:-3900}
pg=${BENCH_POSTGRES:-postgres://postgres@127.0.0.1:5432}
base="http://127.0.0.1:$port"
command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk >/dev/null)

results="$out/results.tsv"
: > "$results"
rm -f "$out/phone.json"
record() { printf '%s\t%s\t%s\n' "$1" "$2" "$3" >> "$results"; }
# A run that stops half-way leaves no server behind holding the databases.
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

# The browser's download per page: the main module and the page's chunks, gzipped.
build="pkg/$(cat target/site-release/build-id)"
python3 bench/download_sizes.py "target/site-release/$build" "$out/download.json"

wait_up() {
  for _ in $(seq 1 600); do
    curl -fso /dev/null "${1:-$base}/sign-in" && return 0
    sleep 0.02
  done
  echo "server did not start" >&2
  return 1
}

# Signs the demo account $1 in; its session as a Cookie header.
session_cookie() {
  curl -fs -c "$out/cookies-$1" -H 'Accept: application/json' \
    -d "email=$1&password=demo-password" "$base/api/auth/sign-in" > /dev/null
  echo "Cookie: $(awk '$6 == "samverkan_session" {print $6"="$7}' "$out/cookies-$1")"
}

# wrk's summary as "rps p50_ms p99_ms errors".
run_wrk() {
  local args=("$@")
  wrk -t2 -c16 -d"${seconds}s" --latency "${args[@]}" 2>&1 | python3 bench/wrk_summary.py
}

# Folds a SQLite database's write-ahead log into its file, so the file alone is the database.
one_file() {
  python3 -c 'import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute("pragma wal_checkpoint(TRUNCATE)"); c.close()' "$1"
  rm -f "$1-wal" "$1-shm"
}

# Every run starts from the same ten years. A run logs some 35,000 incidents into the current
# week (the logging and mixed-load steps), 18 weeks' worth: kept, they piled up run after run
# and slowed whatever reads this week (the picture, the start page, the dashboard, search).
# The first run loads the data into a copy that is never served (SQLite: large.pristine.db;
# PostgreSQL: database samverkan_bench_pristine), and each run brings the copy up to the
# code's migrations (vacuumed and analysed on PostgreSQL, as autovacuum would have, since a
# server may run without it) and starts from a fresh duplicate of it. A load that fails
# leaves no copy behind: it is made under another name and renamed when done.
fresh_data() {
  case $1 in
    sqlite)
      local db="$out/large.db" copy="$out/large.pristine.db"
      rm -f "$db" "$db-wal" "$db-shm"
      if [ ! -e "$copy" ]; then
        rm -f "$copy"* "$out/loading.db"*
        DATABASE_URL="sqlite://$PWD/$out/loading.db?mode=rwc" target/release/samverkan demo-data --scale large
        one_file "$out/loading.db"
        mv "$out/loading.db" "$copy"
      fi
      DATABASE_URL="sqlite://$PWD/$copy?mode=rwc" target/release/samverkan migrate
      one_file "$copy"
      cp "$copy" "$db" ;;
    postgres)
      psql "$pg/postgres" -qc 'drop database if exists samverkan_bench with (force)'
      local kept
      kept=$(psql "$pg/postgres" -qAtc "select count(*) from pg_database where datname = 'samverkan_bench_pristine'")
      if [ "$kept" = 0 ]; then
        psql "$pg/postgres" -qc 'drop database if exists samverkan_bench_loading with (force)'
        psql "$pg/postgres" -qc 'create database samverkan_bench_loading'
        DATABASE_URL="$pg/samverkan_bench_loading" target/release/samverkan demo-data --scale large
        psql "$pg/postgres" -qc 'alter database samverkan_bench_loading rename to samverkan_bench_pristine'
      fi
      DATABASE_URL="$pg/samverkan_bench_pristine" target/release/samverkan migrate
      psql "$pg/samverkan_bench_pristine" -qc 'vacuum analyze'
      psql "$pg/postgres" -qc 'create database samverkan_bench template samverkan_bench_pristine' ;;
  esac
}

bench_db() {
  local name=$1 url=$2
  echo "== $name: ten years (loaded once per database, then restored from a copy) =="
  export DATABASE_URL=$url LEPTOS_SITE_ROOT=target/site-release SAMVERKAN_ADDR="127.0.0.1:$port" RUST_LOG=warn
  # The ten years are the benchmark's data: retention would anonymise seven of them at start.
  export SAMVERKAN_RETENTION_MONTHS=off
  local t0 t1
  t0=$(date +%s.%N)
  fresh_data "$name"
  t1=$(date +%s.%N)
  record "$name" load_seconds "$(python3 -c "print(round($t1 - $t0, 1))")"

  t0=$(date +%s.%N)
  target/release/samverkan serve > "$out/$name-server.log" 2>&1 &
  local pid=$!
  wait_up
  t1=$(date +%s.%N)
  record "$name" startup_ms "$(python3 -c "print(round(($t1 - $t0) * 1000))")"

  local cookie writer_cookie
  cookie=$(session_cookie coordinator@example.org)
  # Under mixed load the incidents come from a police reporter, as at a meeting: a reader who
  # has written waits for a view made after their write (ssr::views), the others do not.
  writer_cookie=$(session_cookie police@example.org)
  local ref incident deep
  ref=$(curl -fs -H "$cookie" -H 'Accept: application/json' -X POST "$base/api/reference")
  incident=$(curl -fs -H "$cookie" -H 'Accept: application/json' -d 'filter[week]=' "$base/api/incidents/list" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
  deep="$(python3 -c 'import time; print(int((time.time() - 5 * 365 * 86400) * 1e6))')_ffffffffffffffffffffffffffffffff"
  local area category
  area=$(echo "$ref" | python3 -c 'import json,sys; print([a["id"] for a in json.load(sys.stdin)["reference"]["areas"] if a["name"]=="Rimbo"][0])')
  category=$(echo "$ref" | python3 -c 'import json,sys; print([c["id"] for c in json.load(sys.stdin)["reference"]["categories"] if c["name"]=="Klotter"][0])')
  # Each logged incident at a minute of its own somewhere in the last week: one fixed time
  # would pile thousands of them into one second, which no municipality logs and which the
  # search's ordering of ties within a second then reads in full.
  cat > "$out/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Accept"] = "application/json"
local rest = "$(python3 -c "import urllib.parse as u, sys; print(u.urlencode({'area_id': sys.argv[1], 'place': 'Busshållplatsen', 'category_id': sys.argv[2], 'description': 'Klotter på väntkuren vid hållplatsen.'}))" "$area" "$category")"
local latest = os.time() - 3600
math.randomseed(os.time())
request = function()
  local at = latest - math.random(0, 7 * 24 * 60 - 1) * 60
  return wrk.format(nil, nil, nil, "occurred_at=" .. os.date("%Y-%m-%dT%H%%3A%M", at) .. "&" .. rest)
end
LUA

  # The dashboard goes last: while it is slow, its backlog would starve whatever came next.
  local -a names=(static picture list_first list_deep list_filtered list_filtered_deep list_search list_search_rare detail log_incident home actions dashboard)
  local -a paths=(
    "/$build/samverkan.css"
    "/picture"
    "/incidents"
    "/incidents?before=$deep"
    "/incidents?area=$area&category=$category"
    "/incidents?area=$area&category=$category&before=$deep"
    "/incidents?q=klotter"
    "/incidents?q=lekplatsen+brand&area=$area"
    "/incidents/$incident"
    "/api/incidents/save"
    "/"
    "/actions"
    "/dashboard"
  )
  # The phone profile once, on the first database: it measures what a phone receives.
  if [ ! -e "$out/phone.json" ]; then
    node bench/phone.cjs "$base" "$out/phone.json" "${BENCH_PHONE_ROUNDS:-3}"
  fi
  for i in "${!names[@]}"; do
    local extra=()
    if [ "${names[$i]}" = log_incident ]; then
      extra=(-s "$out/post.lua")
    else
      # The first request after start-up: the picture's counts, the dashboard and the
      # reference data are built then and kept (ssr::views) for the requests that follow.
      record "$name" "${names[$i]}_first_ms" \
        "$(curl -s -o /dev/null -w '%{time_total}' -H "$cookie" "$base${paths[$i]}" | python3 -c 'import sys; print(round(float(sys.stdin.read()) * 1000))')"
      # What the page weighs: as built, and on the wire to a browser that takes brotli.
      record "$name" "${names[$i]}_bytes" "$(curl -s -o /dev/null -w '%{size_download}' -H "$cookie" "$base${paths[$i]}")"
      record "$name" "${names[$i]}_wire_bytes" \
        "$(curl -s -o /dev/null -w '%{size_download}' -H "$cookie" -H 'Accept-Encoding: br, gzip' "$base${paths[$i]}")"
    fi
    local line
    line=$(run_wrk -H "$cookie" "${extra[@]}" "$base${paths[$i]}")
    echo "  ${names[$i]}: $line"
    record "$name" "${names[$i]}" "$line"
  done
  # Mixed load: each page read by the coordinator on 14 connections while the police log
  # incidents on 2 more all along, so the kept views are outdated again and again. The
  # writes' own figures are recorded beside.
  for i in 1 2 8 12; do
    wrk -t1 -c2 -d"${seconds}s" --latency -H "$writer_cookie" -s "$out/post.lua" "$base/api/incidents/save" 2>&1 \
      | python3 bench/wrk_summary.py > "$out/mixed-writes" &
    local writer=$! line
    line=$(wrk -t1 -c14 -d"${seconds}s" --latency -H "$cookie" "$base${paths[$i]}" 2>&1 | python3 bench/wrk_summary.py)
    wait "$writer"
    echo "  mixed ${names[$i]}: $line; writes $(cat "$out/mixed-writes")"
    record "$name" "mixed_${names[$i]}" "$line"
    record "$name" "mixed_${names[$i]}_writes" "$(cat "$out/mixed-writes")"
  done
  # Two servers on one PostgreSQL database, 8 connections each: their sum against one server.
  if [ "$name" = postgres ]; then
    local second="http://127.0.0.1:$((port + 1))"
    SAMVERKAN_ADDR="127.0.0.1:$((port + 1))" target/release/samverkan serve > "$out/$name-server2.log" 2>&1 &
    local pid2=$!
    wait_up "$second"
    for i in 1 2 9 12; do
      local extra=()
      [ "${names[$i]}" = log_incident ] && extra=(-s "$out/post.lua")
      wrk -t1 -c8 -d"${seconds}s" --latency -H "$cookie" "${extra[@]}" "$second${paths[$i]}" 2>&1 \
        | python3 bench/wrk_summary.py > "$out/two-b" &
      local other=$! a b
      a=$(wrk -t1 -c8 -d"${seconds}s" --latency -H "$cookie" "${extra[@]}" "$base${paths[$i]}" 2>&1 | python3 bench/wrk_summary.py)
      wait "$other"
      b=$(cat "$out/two-b")
      line=$(python3 -c 'import sys; a, b = sys.argv[1].split(), sys.argv[2].split(); print(float(a[0]) + float(b[0]), max(float(a[1]), float(b[1])), max(float(a[2]), float(b[2])), int(a[3]) + int(b[3]))' "$a" "$b")
      echo "  two servers ${names[$i]}: $line"
      record "$name" "two_servers_${names[$i]}" "$line"
    done
    kill "$pid2"; wait "$pid2" 2>/dev/null || true
  fi
  if [ -e "/proc/$pid/status" ]; then
    record "$name" peak_rss_mb "$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status")"
    kill "$pid"; wait "$pid" 2>/dev/null || true
  else
    echo "  the server exited during the run; see $out/$name-server.log"
    record "$name" server_exited 1
  fi
  count_queries "$name" "$cookie" "${names[@]:1}" -- "${paths[@]:1}"
}

# SQL statements per page: a server that logs every statement (SAMVERKAN_SLOW_SQL_MS=0) gets
# each page twice, one at a time; the second request's lines are counted (kept views used).
count_queries() {
  local name=$1 cookie=$2; shift 2
  local -a pages=() urls=()
  while [ "$1" != -- ]; do pages+=("$1"); shift; done; shift
  urls=("$@")
  local log="$out/$name-queries.log"
  SAMVERKAN_SLOW_SQL_MS=0 target/release/samverkan serve > "$log" 2>&1 &
  local pid=$!
  wait_up
  for i in "${!pages[@]}"; do
    [ "${pages[$i]}" = log_incident ] && continue
    curl -fso /dev/null -H "$cookie" "$base${urls[$i]}" || true
    local before after
    before=$(grep -c 'slow statement' "$log" || true)
    curl -fso /dev/null -H "$cookie" "$base${urls[$i]}" || true
    sleep 0.2
    after=$(grep -c 'slow statement' "$log" || true)
    record "$name" "${pages[$i]}_queries" "$((after - before))"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true
}

for db in ${BENCH_DATABASES:-sqlite postgres}; do
  case $db in
    sqlite) bench_db sqlite "sqlite://$PWD/$out/large.db?mode=rwc" ;;
    postgres)
      if psql "$pg/postgres" -qAtc 'select 1' >/dev/null 2>&1; then
        bench_db postgres "$pg/samverkan_bench"
      else
        echo "PostgreSQL not reachable at $pg: skipped"
      fi ;;
  esac
done
# Importing 100,000 incidents from CSV into the (small) demo database.
python3 bench/make_csv.py 100000 > "$out/import.csv"
rm -f "$out"/import.db*
export DATABASE_URL="sqlite://$PWD/$out/import.db?mode=rwc" RUST_LOG=warn
target/release/samverkan demo-data
import_line=$(target/release/samverkan import-incidents "$out/import.csv" 2>/dev/null | tail -1)
echo "import: $import_line"
record all csv_import_100k_seconds "$(echo "$import_line" | sed -E 's/.* in ([0-9.]+) s$/\1/')"

python3 bench/report.py "$results" "$out/download.json" "$out/latest.json" "$out/phone.json"
