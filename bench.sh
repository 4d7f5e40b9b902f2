#!/usr/bin/env bash
# The "Prove it" figures in one run on this machine: RabbitMQ and PostgreSQL are started for the run (as the tests
# do), the services run as separate Release processes. See README.md ("Prove it").
#   ./bench.sh [--quick] [--out FILE]                       figures (quick: ~3–5 minutes)
#   ./bench.sh faults [--orders 2000] [--seed N]            the long fault suite
set -euo pipefail
cd "$(dirname "$0")"
build/install-prerequisites.sh servers
build() { dotnet build tools/Payments.Bench/Payments.Bench.csproj -c Release -nologo -v q -clp:ErrorsOnly; }
echo "building tools/Payments.Bench and the four service hosts (Release)…"
build || { echo "build failed; retrying once (file locks from a parallel build)"; sleep 5; build; }
export PAYMENTS_HOST_CONFIGURATION=Release
exec dotnet artifacts/bin/Payments.Bench/release/Payments.Bench.dll "$@"
