# Shared helpers of the local test cloud scripts (sourced, not executed).
# shellcheck shell=bash disable=SC2034

# Never pick up another python3 (pyenv, venv) first on PATH: the OpenStack modules
# live in Debian's /usr/bin/python3 only.
export PATH=/usr/local/sbin:/usr/sbin:/usr/bin:/sbin:/bin
# Everything here talks to 127.0.0.1 only: never through a proxy.
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY all_proxy ALL_PROXY ftp_proxy FTP_PROXY
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
export LC_ALL=C.UTF-8 LANG=C.UTF-8

TESTCLOUD_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
STATE="${OIM_TESTCLOUD_STATE:-/var/tmp/oim-testcloud}"
# Seconds to wait for one service to answer.
TIMEOUT="${OIM_TESTCLOUD_TIMEOUT:-90}"
PY=/usr/bin/python3

# ---- the contract (keep in sync with README.md) ----
ADMIN_PASSWORD=admin-secret
U1_PASSWORD=u1-secret
U2_PASSWORD=u2-secret
# oim-p3: the help pages' examples run there; oim-p4: the catalog-update tests; oim-demo: the
# README's main-job demo; oim-p5: the fault suite (tests/OpenStackImageManager.Fault.Tests). Each has a
# project of its own so that none disturbs another's images.
U3_PASSWORD=u3-secret
U4_PASSWORD=u4-secret
U5_PASSWORD=u5-secret
DEMO_PASSWORD=demo-secret
GLANCE_SERVICE_PASSWORD=glance-secret
GLANCE_DB_PASSWORD=glance-db-secret
REGION=RegionOne
KEYSTONE_PORT=5000
GLANCE_PORT=9292
# A second glance-api ("glance-limits": same database and stores, use_keystone_limits = true).
GLANCE_LIMITS_PORT=9293
MYSQL_PORT=3306
MEMCACHED_PORT=11211
SWIFT_PROXY_PORT=8080
SWIFT_ACCOUNT_PORT=6202
SWIFT_CONTAINER_PORT=6201
SWIFT_OBJECT_PORT=6200
S3_ACCESS_KEY=test:tester
S3_SECRET_KEY=testing
S3_BUCKET=oim-test
KEYSTONE_URL="http://127.0.0.1:${KEYSTONE_PORT}/v3"
GLANCE_URL="http://127.0.0.1:${GLANCE_PORT}"
GLANCE_LIMITS_URL="http://127.0.0.1:${GLANCE_LIMITS_PORT}"
# Keystone unified limits of service glance (region RegionOne); sizes in MiB. Only glance-limits
# reads them: the main Glance keeps use_keystone_limits = false (legacy quotas).
REGISTERED_LIMITS="image_size_total=100000 image_stage_total=100000 image_count_total=10000 image_count_uploading=100"
# Project limits as project:resource=value. oim-p2's image_size_total is the quota that the
# cloud QUOTA_CLOUD (oim-p2 through glance-limits) exports as OIM_QUOTA_LIMIT_BYTES.
P2_IMAGE_SIZE_TOTAL_MIB=1
PROJECT_LIMITS="oim-p2:image_size_total=$P2_IMAGE_SIZE_TOTAL_MIB oim-p2:image_stage_total=1"
QUOTA_CLOUD=oim-p2-limits
QUOTA_LIMIT_BYTES=$((P2_IMAGE_SIZE_TOTAL_MIB * 1048576))
SWIFT_URL="http://127.0.0.1:${SWIFT_PROXY_PORT}"

RUN="$STATE/run"
LOGS="$STATE/log"

log() { echo "[testcloud] $*"; }
warn() { echo "[testcloud] WARNING: $*" >&2; }
die() { echo "[testcloud] ERROR: $*" >&2; exit 1; }

# Milliseconds since the epoch (for timings).
now_ms() { date +%s%3N; }

# pid_running PID: true if PID exists and is not a zombie.
pid_running() {
  local st
  st=$(ps -o stat= -p "$1" 2>/dev/null | tr -d ' ') || return 1
  [ -n "$st" ] && [ "${st#Z}" = "$st" ]
}

# Non-zombie processes of process group PGID (each service runs in its own session).
group_pids() {
  ps -e -o pid=,pgid=,stat= 2>/dev/null | awk -v g="$1" '$2 == g && $3 !~ /^Z/ { print $1 }'
}
# All processes of the group, zombies included.
group_pids_all() {
  ps -e -o pid=,pgid= 2>/dev/null | awk -v g="$1" '$2 == g { print $1 }'
}

# proc_starttime PID: the start time (clock ticks since boot) of a process; it does not change
# across exec and tells a recycled pid from the process we started.
proc_starttime() {
  local stat
  stat=$(cat "/proc/$1/stat" 2>/dev/null) || return 1
  stat=${stat##*) }
  # shellcheck disable=SC2086
  set -- $stat
  echo "${20}"
}

# service_pid NAME: prints the pid of a running service started by us, else fails.
service_pid() {
  local f="$RUN/$1.pid" pid want
  [ -s "$f" ] || return 1
  pid=$(cat "$f")
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  pid_running "$pid" || return 1
  if [ -s "$RUN/$1.start" ]; then
    want=$(cat "$RUN/$1.start")
    [ "$(proc_starttime "$pid" || true)" = "$want" ] || return 1
  fi
  echo "$pid"
}

# port_open PORT: something accepts TCP connections on 127.0.0.1:PORT.
port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# http_code URL [curl args...]: prints the HTTP status code (000 when nothing answers).
http_code() {
  local url="$1"; shift
  curl -s -o /dev/null -w '%{http_code}' --noproxy '*' --max-time 10 "$@" "$url" 2>/dev/null || true
}
