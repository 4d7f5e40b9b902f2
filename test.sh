#!/usr/bin/env bash
# The one test command. Installs what the tests need when it is missing (RabbitMQ and PostgreSQL 15 from
# Debian's packages, for the tests that start their own servers; docker-compose and kubectl for the deployment
# tests; the npm package standardwebhooks, which checks the Notifier's signatures), builds the solution and runs
# every test in two parts:
#   1. the tests that need no server (PAYMENTS_TEST_NO_SERVERS=1: a test that starts one anyway fails, naming the
#      trait it lacks), then
#   2. the tests marked [Trait("Needs", "RabbitMQ")] or [Trait("Needs", "PostgreSQL")].
# Usage:
#   ./test.sh              everything (what .ci/run runs)
#   ./test.sh --fast       part 1 only, about a minute, no servers installed or started
#   ./test.sh --filter X   only the tests 'dotnet test --filter X' selects, in one run; other arguments also go to
#                          'dotnet test', e.g. ./test.sh --fast --filter "FullyQualifiedName~Ingress"
#
# The tests start private PostgreSQL and RabbitMQ servers on free ports of 127.0.0.1 with their data in temp folders
# (tests/Payments.Testing). To use existing servers instead, set
#   PAYMENTS_TEST_POSTGRES  an Npgsql connection string (user allowed to create databases)
#   PAYMENTS_TEST_RABBITMQ  amqp://user:pass@host:port/vhost
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

solution=Payments.Microservices.sln
no_servers='Needs!=RabbitMQ&Needs!=PostgreSQL'
servers='Needs=RabbitMQ|Needs=PostgreSQL'

fast=false
filter=
args=()
while [ "$#" -gt 0 ]; do
  case "$1" in
    --fast) fast=true ;;
    --filter) filter=${2:?--filter needs an expression}; shift ;;
    --filter=*) filter=${1#--filter=} ;;
    *) args+=("$1") ;;
  esac
  shift
done

if [ "$fast" = true ]; then
  build/install-prerequisites.sh deploy-tools webhook-verifier browser
else
  build/install-prerequisites.sh servers deploy-tools webhook-verifier browser
fi

logs=()
cleanup() { if [ "${#logs[@]}" -gt 0 ]; then rm -f "${logs[@]}" 2>/dev/null || true; fi; }
trap cleanup EXIT

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

dotnet build "$solution" -c Debug -v quiet -nologo

status=0
# run_part <title> <filter> [env assignments...]
run_part() {
  local title=$1 part_filter=$2
  shift 2
  local log
  log=$(mktemp)
  logs+=("$log")
  echo "== $title"
  env "$@" dotnet test "$solution" --no-build -c Debug \
    --blame-hang-timeout 10m --blame-hang-dump-type none \
    --filter "$part_filter" ${args[@]+"${args[@]}"} 2>&1 | tee "$log" || status=$?
}

if [ "$fast" = true ]; then
  run_part "tests that need no server" "${filter:+($filter)&}$no_servers" PAYMENTS_TEST_NO_SERVERS=1
elif [ -n "$filter" ]; then
  run_part "tests selected by --filter $filter" "$filter"
else
  run_part "tests that need no server" "$no_servers" PAYMENTS_TEST_NO_SERVERS=1
  run_part "tests that need RabbitMQ or PostgreSQL" "$servers"
fi

# One closing line over all test assemblies and parts, e.g. "tests: 120 passed, 0 failed, 3 skipped".
# (dotnet test prints one summary line per assembly: "Passed!  - Failed: 0, Passed: 10, ...").
cat "${logs[@]}" \
  | sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\2 \3 \4/p' \
  | awk '{ f += $1; p += $2; s += $3 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'

exit "$status"
