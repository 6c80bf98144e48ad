#!/usr/bin/env bash
# Installs the packages of the local test cloud (Keystone + Glance + MariaDB + Swift/S3)
# from Debian 12's own mirror. Idempotent: does nothing when everything is installed.
# Must run as root. No service is started here (see start.sh).
set -euo pipefail
export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
log() { echo "[testcloud] $*"; }
die() { echo "[testcloud] ERROR: $*" >&2; exit 1; }

[ "$(id -u)" = 0 ] || die "install.sh must run as root"

PACKAGES=(
  keystone glance qemu-utils
  mariadb-server
  swift swift-proxy swift-object swift-container swift-account memcached
  uwsgi-core uwsgi-plugin-python3
  python3-pymysql
  # curl for the smoke check; the compressors make the compressed fixtures of the integration tests
  curl xz-utils bzip2 zstd gzip ca-certificates procps sqlite3
  # the C toolchain Native AOT links the command line's linux-x64 build with (the fault suite runs that build)
  gcc libc6-dev zlib1g-dev
)

missing=()
for p in "${PACKAGES[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  case "$st" in ii*) ;; *) missing+=("$p") ;; esac
done

if [ "${#missing[@]}" -eq 0 ]; then
  log "all packages already installed (${#PACKAGES[@]} checked): nothing to do"
  exit 0
fi

log "missing packages: ${missing[*]}"
t0=$(date +%s)
export DEBIAN_FRONTEND=noninteractive

# Nothing must be (re)configured or started by the packages themselves.
debconf-set-selections <<'SEL'
keystone keystone/configure_db boolean false
keystone keystone/create-admin-tenant boolean false
keystone keystone/register-endpoint boolean false
glance-common glance/configure_db boolean false
glance-common glance/configure_rabbit boolean false
glance-common glance/configure_ksat boolean false
glance-api glance/configure_api-endpoint boolean false
SEL

# Keep services from starting at install time (there is no systemd; the packaged
# init scripts would bind every interface). Only add a policy-rc.d if none exists.
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d
  chmod 755 /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

# apt-get update: refresh the package lists. Third-party sources that are not reachable
# from here only produce warnings; fail only if a package we need has no candidate afterwards.
log "apt-get update"
if ! apt-get update -qq >/tmp/oim-testcloud-apt-update.log 2>&1; then
  log "apt-get update reported errors (see /tmp/oim-testcloud-apt-update.log); continuing if the packages are available"
fi
for p in "${missing[@]}"; do
  cand=$(apt-cache policy "$p" 2>/dev/null | awk '/Candidate:/ { print $2 }')
  if [ -z "$cand" ] || [ "$cand" = "(none)" ]; then
    tail -n 20 /tmp/oim-testcloud-apt-update.log >&2 || true
    die "package $p is not available from the configured apt sources (Debian 12 bookworm main is needed)"
  fi
done

log "apt-get install ${#missing[@]} package(s) (with their dependencies)"
apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
  "${missing[@]}" >/tmp/oim-testcloud-apt-install.log 2>&1 \
  || { tail -n 40 /tmp/oim-testcloud-apt-install.log >&2; die "apt-get install failed (full log: /tmp/oim-testcloud-apt-install.log)"; }

for p in "${PACKAGES[@]}"; do
  st=$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)
  case "$st" in ii*) ;; *) die "package $p is not installed after apt-get install" ;; esac
done
for b in uwsgi_python3 keystone-manage glance-manage mariadbd mariadb-admin memcached \
         swift-ring-builder swift-proxy-server swift-object-server qemu-img; do
  command -v "$b" >/dev/null || die "binary $b not found after install"
done
log "install done in $(( $(date +%s) - t0 )) s"
