#!/usr/bin/env bash
# Installs, from Debian's packages and only when missing, what ./test.sh and ./bench.sh need on a fresh Debian 12:
#   servers       RabbitMQ and PostgreSQL 15 (the tests and the benchmark start their own private instances)
#   deploy-tools  docker-compose and kubectl (the deployment tests render the real manifests)
#   webhook-verifier  node and npm, then `npm ci` of tests/Payments.Notifier.Tests/Verifier (the Standard Webhooks
#                 reference library for JavaScript, which checks the Notifier's signatures independently)
#   browser       Debian's chromium (the operator console's end-to-end tests drive it with Microsoft.Playwright;
#                 Playwright's own browser download is not used)
# Usage: build/install-prerequisites.sh servers [deploy-tools] [webhook-verifier] [browser]
set -euo pipefail

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "install-prerequisites: '$*' needs root and sudo is not available." >&2
    exit 1
  fi
}

cleanup() { :; }

want_servers=false
want_deploy_tools=false
want_webhook_verifier=false
want_browser=false
for what in "$@"; do
  case "$what" in
    servers) want_servers=true ;;
    deploy-tools) want_deploy_tools=true ;;
    webhook-verifier) want_webhook_verifier=true ;;
    browser) want_browser=true ;;
    *) echo "install-prerequisites: unknown group '$what' (servers, deploy-tools, webhook-verifier, browser)" >&2; exit 2 ;;
  esac
done

missing=()
if [ "$want_servers" = true ]; then
  # (dpkg -s also succeeds for a removed package whose config files are left, hence the status.)
  dpkg-query -W -f='${Status}' rabbitmq-server 2>/dev/null | grep -q 'install ok installed' \
    || missing+=(rabbitmq-server)
  [ -x /usr/lib/postgresql/15/bin/postgres ] || missing+=(postgresql-15)
fi
if [ "$want_deploy_tools" = true ]; then
  # The deployment tests render the real manifests: 'docker-compose config' (Debian's docker-compose) and
  # 'kubectl kustomize'. kubectl is not in Debian 12 under its own name: Debian's kubernetes-client is kubectl 1.20
  # (kustomize v2), which deploy/ is written for; an installed kubectl (any source, any newer version) is kept.
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v kubectl >/dev/null 2>&1 || missing+=(kubernetes-client)
fi
if [ "$want_webhook_verifier" = true ]; then
  # node and npm run the Standard Webhooks reference library for JavaScript (the Notifier's signature tests).
  command -v node >/dev/null 2>&1 || missing+=(nodejs)
  command -v npm >/dev/null 2>&1 || missing+=(npm)
fi
if [ "$want_browser" = true ]; then
  # The console tests launch /usr/bin/chromium headless (PAYMENTS_CHROMIUM overrides the path).
  [ -x "${PAYMENTS_CHROMIUM:-/usr/bin/chromium}" ] || missing+=(chromium)
fi

if [ "${#missing[@]}" -gt 0 ]; then
  echo "install-prerequisites: installing ${missing[*]}"
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

if [ "$want_webhook_verifier" = true ]; then
  verifier="$(dirname "${BASH_SOURCE[0]}")/../tests/Payments.Notifier.Tests/Verifier"
  if [ ! -f "$verifier/node_modules/standardwebhooks/package.json" ]; then
    echo "install-prerequisites: npm ci in tests/Payments.Notifier.Tests/Verifier"
    (cd "$verifier" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
