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

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "test.sh: '$*' needs root and sudo is not available." >&2
    exit 1
  fi
}

cleanup_files=()
cleanup() { if [ "${#cleanup_files[@]}" -gt 0 ]; then rm -f "${cleanup_files[@]}" 2>/dev/null || true; fi; }
trap cleanup EXIT

missing=()
# (dpkg -s also succeeds for a removed package whose config files are left, hence the status.)
dpkg-query -W -f='${Status}' rabbitmq-server 2>/dev/null | grep -q 'install ok installed' \
  || missing+=(rabbitmq-server)
[ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
# The deployment tests render the real manifests: 'docker-compose config' (Debian's docker-compose) and
# 'kubectl kustomize'. kubectl is not in Debian 12 under its own name: Debian's kubernetes-client is kubectl 1.20
# (kustomize v2), which deploy/ is written for; an installed kubectl (any source, any newer version) is kept.
command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)

if [ "${#missing[@]}" -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  # Keep the packages' services from starting: the tests run their own servers, and a system
  # RabbitMQ would hold 0.0.0.0:5672. policy-rc.d exit code 101 = 'action forbidden'.
  policy=/usr/sbin/policy-rc.d
  own_policy=false
  if [ ! -e "$policy" ]; then
    as_root sh -c "printf '#!/bin/sh\nexit 101\n' > $policy && chmod 755 $policy"
    own_policy=true
    trap 'as_root rm -f "$policy"; cleanup' EXIT
  fi
  status=0
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update || status=$?
  if [ "$status" -eq 0 ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}" || status=$?
  fi
  if [ "$own_policy" = true ]; then
    as_root rm -f "$policy"
    trap cleanup EXIT
  fi
  [ "$status" -eq 0 ] || exit "$status"

  # Should a service have started anyway, stop it (errors ignored: without systemd or init
  # scripts there is nothing to stop).
  if [[ " ${missing[*]} " == *" rabbitmq-server "* ]]; then
    as_root invoke-rc.d rabbitmq-server stop >/dev/null 2>&1 \
      || as_root service rabbitmq-server stop >/dev/null 2>&1 || true
  fi
  if [[ " ${missing[*]} " == *" postgresql-15 "* ]]; then
    as_root invoke-rc.d postgresql stop >/dev/null 2>&1 \
      || as_root service postgresql stop >/dev/null 2>&1 || true
  fi
fi

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
