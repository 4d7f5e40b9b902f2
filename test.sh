#!/usr/bin/env bash
# The one test command. Installs the servers that the tests start by themselves when they are
# missing (RabbitMQ and PostgreSQL 15, from Debian's packages) and the tools the deployment tests run
# (docker-compose and kubectl), builds the solution and runs every test. Extra arguments go to
# 'dotnet test', e.g.  ./test.sh --filter "FullyQualifiedName~Orders"
#
# The tests start private PostgreSQL and RabbitMQ servers on free ports of 127.0.0.1 with their data
# in temp folders (tests/Payments.Testing). To use existing servers instead, set
#   PAYMENTS_TEST_POSTGRES  an Npgsql connection string (user allowed to create databases)
#   PAYMENTS_TEST_RABBITMQ  amqp://user:pass@host:port/vhost
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

solution=Payments.Microservices.sln

build/install-prerequisites.sh servers deploy-tools

cleanup_files=()
cleanup() { if [ "${#cleanup_files[@]}" -gt 0 ]; then rm -f "${cleanup_files[@]}" 2>/dev/null || true; fi; }
trap cleanup EXIT

export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

dotnet build "$solution" -c Debug

log=$(mktemp)
cleanup_files+=("$log")
status=0
dotnet test "$solution" --no-build -c Debug \
  --blame-hang-timeout 10m --blame-hang-dump-type none \
  "$@" 2>&1 | tee "$log" || status=$?

# One closing line over all test assemblies, e.g. "tests: 120 passed, 0 failed, 3 skipped".
# (dotnet test prints one summary line per assembly: "Passed!  - Failed: 0, Passed: 10, ...").
sed -nE 's/.*(Passed|Failed)! +- +Failed: +([0-9]+), +Passed: +([0-9]+), +Skipped: +([0-9]+).*/\2 \3 \4/p' "$log" \
  | awk '{ f += $1; p += $2; s += $3 } END { printf "tests: %d passed, %d failed, %d skipped\n", p, f, s }'

exit "$status"
