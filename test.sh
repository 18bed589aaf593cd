#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need when it is missing (restic, for
# the end-to-end backup tests), then the Maven build. Extra arguments go to Maven.
set -euo pipefail
cd "$(dirname "$0")"

if ! command -v restic >/dev/null 2>&1; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "test.sh: restic is missing and there is no apt-get here; install restic" \
      "(https://restic.readthedocs.io/en/stable/020_installation.html) and run again" >&2
    exit 1
  fi
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    sudo="sudo"
  fi
  echo "test.sh: installing restic from the system's packages (the end-to-end backup tests run it)" >&2
  $sudo apt-get update -qq
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq restic >/dev/null
fi

exec mvn -B -ntp verify "$@"
