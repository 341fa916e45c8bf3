#!/usr/bin/env bash
# Set-up shared by `make demo` and `make test`: safe to run twice, does only what is missing.
#  1. as root on Debian: the system libraries Qt 6 (Quick, WebEngine, Multimedia) needs, Xvfb, fonts;
#  2. a virtual environment in .venv with Python >= 3.12;
#  3. the package itself (editable) with its test extras, re-installed when pyproject.toml changes.
set -euo pipefail
cd "$(dirname "$0")/.."

SYSTEM_PACKAGES=(
  libegl1 libgl1 libopengl0 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3 libnss3
  libxcomposite1 libxdamage1 libxrandr2 libxtst6 libxshmfence1 libpulse0
  libxcb-icccm4 libxcb-keysyms1 libxcb-cursor0 libxcb-image0 libxcb-render-util0 libxcb-shape0
  libxcb-xinerama0 libxcb-xkb1 xvfb xauth fonts-dejavu-core
  mosquitto iproute2 dbus avahi-daemon avahi-utils
  espeak-ng pulseaudio pulseaudio-utils
)
# Renamed across Debian releases: the first name the archive knows is installed.
ALTERNATIVES=("libasound2t64 libasound2")

missing=()
for pkg in "${SYSTEM_PACKAGES[@]}"; do
  dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
for choice in "${ALTERNATIVES[@]}"; do
  have=""
  for pkg in $choice; do dpkg -s "$pkg" >/dev/null 2>&1 && have=1; done
  [ -n "$have" ] || missing+=("ALT:$choice")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "bootstrap: installing system packages: ${missing[*]}"
    apt-get update -qq
    resolved=()
    for entry in "${missing[@]}"; do
      if [[ $entry == ALT:* ]]; then
        for pkg in ${entry#ALT:}; do
          if apt-cache show "$pkg" >/dev/null 2>&1; then resolved+=("$pkg"); break; fi
        done
      else
        resolved+=("$entry")
      fi
    done
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${resolved[@]}" >/dev/null
  else
    echo "bootstrap: warning: missing system packages (run as root to install): ${missing[*]}" >&2
  fi
fi

find_python() {
  for candidate in python3.13 python3.12 python3; do
    for path in "$(command -v "$candidate" 2>/dev/null)" /root/.pyenv/versions/3.1[23]*/bin/"$candidate" /usr/bin/"$candidate"; do
      [ -x "$path" ] || continue
      if "$path" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
        echo "$path"; return 0
      fi
    done
  done
  return 1
}

if [ ! -x .venv/bin/python ] || ! .venv/bin/python -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)'; then
  PY=$(find_python) || { echo "bootstrap: Python >= 3.12 is required (3.11 aborts under PySide6 6.12)" >&2; exit 1; }
  if ! "$PY" -c 'import venv, ensurepip' 2>/dev/null && [ "$(id -u)" = 0 ]; then
    apt-get install -y -qq python3-venv >/dev/null
  fi
  rm -rf .venv
  "$PY" -m venv .venv
fi

stamp=.venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)
if [ ! -f "$stamp" ]; then
  echo "bootstrap: installing the package and its test extras into .venv"
  .venv/bin/python -m pip install -q --upgrade pip >/dev/null
  .venv/bin/python -m pip install -q -e '.[test]'
  rm -f .venv/.installed-*
  touch "$stamp"
fi
