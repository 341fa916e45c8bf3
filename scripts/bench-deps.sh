#!/usr/bin/env bash
# What `make bench` needs beyond `make test`: Debian's Chromium, for bench/vs_chromium.py. Never run by `make test`.
set -euo pipefail
if command -v chromium >/dev/null || command -v chromium-browser >/dev/null; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "bench: installing chromium (Debian) for bench/vs_chromium.py"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
else
  echo "bench: warning: chromium is missing (run as root to install it); bench/vs_chromium.py will stop" >&2
fi
