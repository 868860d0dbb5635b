#!/usr/bin/env bash
# Installs Debian packages non-interactively, as root directly or through sudo.
# Usage: scripts/apt-install.sh PACKAGE...
# Shared by pg.sh and test.sh so both behave identically on CI (root) and on a
# developer machine (non-root with sudo). All output goes to stderr, because the
# callers reserve stdout for machine-readable results.
set -Eeuo pipefail

if [[ $# -eq 0 ]]; then
    echo "usage: $0 PACKAGE..." >&2
    exit 2
fi

if [[ $EUID -eq 0 ]]; then
    as_root=()
elif command -v sudo >/dev/null 2>&1; then
    as_root=(sudo)
else
    echo "apt-install: need root or sudo to install: $*" >&2
    exit 1
fi

# 'env' rather than a plain VAR=value prefix: sudo resets the environment, and
# without DEBIAN_FRONTEND a package's debconf questions would block on a prompt.
install() {
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y -q --no-install-recommends "$@" >&2
}

refresh() {
    "${as_root[@]}" apt-get update -q >&2
}

echo "apt-install: installing $* ..." >&2
# 'apt-get update' is slow and needs the mirror, so only pay for it when the
# package lists are missing (fresh container) or stale (install failed).
if ! compgen -G '/var/lib/apt/lists/*_Packages*' >/dev/null; then
    refresh
    install "$@"
elif ! install "$@"; then
    echo "apt-install: install failed, refreshing package lists and retrying" >&2
    refresh
    install "$@"
fi
