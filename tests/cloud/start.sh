#!/usr/bin/env bash
# Starts the local test cloud: MariaDB, memcached, Swift (S3), Keystone, Glance (9292) and
# glance-limits (9293: a second Glance API with Keystone unified limits), all on 127.0.0.1.
# Idempotent: what already answers is left alone, what is missing is started.
# State (configs, databases, logs, pids, data): ${OIM_TESTCLOUD_STATE:-/var/tmp/oim-testcloud}.
# Writes $STATE/clouds.yaml and $STATE/env.sh. Run install.sh first. Must run as root.
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

[ "$(id -u)" = 0 ] || die "start.sh must run as root"
for b in uwsgi_python3 keystone-manage glance-manage mariadbd mariadb-install-db mariadb \
         mariadb-admin memcached swift-ring-builder swift-proxy-server swift-object-server \
         swift-container-server swift-account-server qemu-img curl; do
  command -v "$b" >/dev/null || die "$b not found: run $TESTCLOUD_DIR/install.sh first"
done

T0=$(now_ms)
elapsed() { local t; t=$(( $(now_ms) - T0 )); printf '%d.%01d s' $((t / 1000)) $(((t % 1000) / 100)); }

# ------------------------------------------------------------------ health checks
mysql_ok()     { mariadb-admin --defaults-file="$STATE/mysql/my.cnf" --connect-timeout=2 ping >/dev/null 2>&1; }
memcached_ok() {
  (
    exec 3<>"/dev/tcp/127.0.0.1/$MEMCACHED_PORT" || exit 1
    printf 'version\r\n' >&3
    IFS= read -r -t 2 line <&3 || exit 1
    [[ "$line" == VERSION* ]]
  ) 2>/dev/null
}
swift_server_ok() { [ "$(http_code "http://127.0.0.1:$1/healthcheck")" = 200 ]; }
swift_proxy_ok()  { [ "$(http_code "$SWIFT_URL/healthcheck")" = 200 ]; }
keystone_ok()     { [ "$(http_code "$KEYSTONE_URL")" = 200 ]; }
glance_ok()       { [ "$(http_code "$GLANCE_URL/healthcheck")" = 200 ]; }
glance_limits_ok() { [ "$(http_code "$GLANCE_LIMITS_URL/healthcheck")" = 200 ]; }

# name | pid file name | port | check function | log file
SERVICES=(
  "mariadb|mariadb|$MYSQL_PORT|mysql_ok|$LOGS/mariadb.log"
  "memcached|memcached|$MEMCACHED_PORT|memcached_ok|$LOGS/memcached.log"
  "swift-account|swift-account|$SWIFT_ACCOUNT_PORT|swift_server_ok $SWIFT_ACCOUNT_PORT|$LOGS/swift-account.log"
  "swift-container|swift-container|$SWIFT_CONTAINER_PORT|swift_server_ok $SWIFT_CONTAINER_PORT|$LOGS/swift-container.log"
  "swift-object|swift-object|$SWIFT_OBJECT_PORT|swift_server_ok $SWIFT_OBJECT_PORT|$LOGS/swift-object.log"
  "swift-proxy|swift-proxy|$SWIFT_PROXY_PORT|swift_proxy_ok|$LOGS/swift-proxy.log"
  "keystone|keystone|$KEYSTONE_PORT|keystone_ok|$LOGS/keystone.log"
  "glance-api|glance-api|$GLANCE_PORT|glance_ok|$LOGS/glance-api.log"
  "glance-limits|glance-limits|$GLANCE_LIMITS_PORT|glance_limits_ok|$LOGS/glance-limits.log"
)
svc_field() { local IFS='|'; local -a f; read -r -a f <<<"$1"; echo "${f[$2]}"; }

# Has this service been started by us and does it answer?
svc_up() {
  local entry="$1"
  # shellcheck disable=SC2091  # field 3 is a check command (with its arguments) to run
  service_pid "$(svc_field "$entry" 1)" >/dev/null && $(svc_field "$entry" 3)
}

# wait_for ENTRY: wait until the service answers, or fail with the tail of its log.
wait_for() {
  local entry="$1" name pidf check logf deadline
  name=$(svc_field "$entry" 0); pidf=$(svc_field "$entry" 1)
  check=$(svc_field "$entry" 3); logf=$(svc_field "$entry" 4)
  deadline=$(( $(date +%s) + TIMEOUT ))
  while :; do
    if $check; then
      log "$name answers ($(elapsed))"
      return 0
    fi
    if ! service_pid "$pidf" >/dev/null; then
      echo "[testcloud] ERROR: $name exited during start-up; last lines of $logf:" >&2
      tail -n 40 "$logf" >&2 2>/dev/null || true
      exit 1
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
      echo "[testcloud] ERROR: $name does not answer after ${TIMEOUT} s; last lines of $logf:" >&2
      tail -n 40 "$logf" >&2 2>/dev/null || true
      exit 1
    fi
    sleep 0.2
  done
}

# start_daemon PIDNAME LOGFILE CMD...: runs CMD in its own session (so stop.sh can signal
# its whole process group), detached from our stdio; the pid is written by the process itself.
start_daemon() {
  local pidname="$1" logf="$2"; shift 2
  echo "---- $(date '+%F %T') start: $*" >>"$logf"
  # shellcheck disable=SC2016  # $$ and $0 are expanded by the inner bash
  setsid bash -c 'echo $$ > "$0"; exec "$@"' "$RUN/$pidname.pid" "$@" >>"$logf" 2>&1 </dev/null &
  # Wait (briefly) until the pid file is there.
  rm -f "$RUN/$pidname.start"
  for _ in $(seq 1 100); do
    if [ -s "$RUN/$pidname.pid" ]; then
      proc_starttime "$(cat "$RUN/$pidname.pid")" >"$RUN/$pidname.start" || rm -f "$RUN/$pidname.start"
      return 0
    fi
    sleep 0.02
  done
  die "could not start $pidname (no pid file)"
}

# ensure_not_foreign ENTRY: the port must be free when our daemon is not running.
ensure_port_free() {
  local entry="$1" name port
  name=$(svc_field "$entry" 0); port=$(svc_field "$entry" 2)
  if port_open "$port"; then
    die "port 127.0.0.1:$port (for $name) is already used by a process that start.sh did not start (no live pid in $RUN/$(svc_field "$entry" 1).pid); stop it first"
  fi
}

# needs_start ENTRY: true if the daemon must be started (not running as ours).
needs_start() {
  local entry="$1"
  if service_pid "$(svc_field "$entry" 1)" >/dev/null; then return 1; fi
  rm -f "$RUN/$(svc_field "$entry" 1).pid" "$RUN/$(svc_field "$entry" 1).start"
  ensure_port_free "$entry"
  return 0
}

entry_of() { local e; for e in "${SERVICES[@]}"; do [ "$(svc_field "$e" 0)" = "$1" ] && { echo "$e"; return; }; done; die "unknown service $1"; }

# ------------------------------------------------------------------ fast path
# One clouds.yaml entry: name, user, password, project, and an optional image endpoint override.
cloud_entry() {
  cat <<EOF
  $1:
    auth_type: password
    auth:
      auth_url: $KEYSTONE_URL
      username: $2
      password: $3
      project_name: $4
      user_domain_name: Default
      project_domain_name: Default
    region_name: $REGION
    interface: public
    identity_api_version: 3
EOF
  if [ -n "${5:-}" ]; then echo "    image_endpoint_override: $5"; fi
}

write_generated_files() {
  local tmp
  tmp=$(mktemp "$STATE/.clouds.XXXXXX")
  {
    echo "# Generated by tests/cloud/start.sh - local test cloud (test-only credentials)."
    echo "clouds:"
    cloud_entry oim-admin admin "$ADMIN_PASSWORD" admin
    cloud_entry oim-p1 oim-u1 "$U1_PASSWORD" oim-p1
    cloud_entry oim-p2 oim-u2 "$U2_PASSWORD" oim-p2
    cloud_entry oim-p3 oim-u3 "$U3_PASSWORD" oim-p3
    cloud_entry oim-p4 oim-u4 "$U4_PASSWORD" oim-p4
    cloud_entry oim-p5 oim-u5 "$U5_PASSWORD" oim-p5
    cloud_entry oim-demo oim-demo "$DEMO_PASSWORD" oim-demo
    # oim-p2 through glance-limits (unified limits: image_size_total 1 MiB for oim-p2).
    cloud_entry "$QUOTA_CLOUD" oim-u2 "$U2_PASSWORD" oim-p2 "$GLANCE_LIMITS_URL"
  } >"$tmp"
  chmod 644 "$tmp"; mv -f "$tmp" "$STATE/clouds.yaml"

  tmp=$(mktemp "$STATE/.env.XXXXXX")
  cat >"$tmp" <<EOF
# Generated by tests/cloud/start.sh - source it: . $STATE/env.sh
export OS_CLIENT_CONFIG_FILE=$STATE/clouds.yaml
export OIM_TESTCLOUD=1
export OIM_TESTCLOUD_STATE=$STATE
export OIM_S3_ENDPOINT=$SWIFT_URL
export OIM_S3_ACCESS_KEY=$S3_ACCESS_KEY
export OIM_S3_SECRET_KEY=$S3_SECRET_KEY
export OIM_S3_BUCKET=$S3_BUCKET
export OIM_S3_REGION=us-east-1
export OIM_GLANCE_URL=$GLANCE_URL
export OIM_KEYSTONE_URL=$KEYSTONE_URL
export OIM_GLANCE_LIMITS_URL=$GLANCE_LIMITS_URL
export OIM_QUOTA_CLOUD=$QUOTA_CLOUD
export OIM_QUOTA_LIMIT_BYTES=$QUOTA_LIMIT_BYTES
EOF
  chmod 644 "$tmp"; mv -f "$tmp" "$STATE/env.sh"
}

# The provisioning (projects, users, limits) is done again whenever its inputs changed since the
# state was provisioned, e.g. a project added to lib.sh and provision.py.
provision_fingerprint() {
  cat "$TESTCLOUD_DIR/lib.sh" "$TESTCLOUD_DIR/provision.py" | sha256sum | cut -d' ' -f1
}

if [ -f "$STATE/.provisioned" ] && [ "$(cat "$STATE/.provisioned")" = "$(provision_fingerprint)" ]; then
  all=1
  for e in "${SERVICES[@]}"; do svc_up "$e" || { all=0; break; }; done
  if [ "$all" = 1 ]; then
    write_generated_files
    log "everything already running and answering (state: $STATE)"
    log "use: . $STATE/env.sh"
    exit 0
  fi
fi

log "starting the local test cloud (state: $STATE)"
[[ "$STATE" = /* && "$STATE" != *[[:space:]]* ]] || die "OIM_TESTCLOUD_STATE must be an absolute path without spaces: '$STATE'"

# Before starting anything: every port we still have to start a daemon on must be free.
if [ -d "$RUN" ]; then
  for e in "${SERVICES[@]}"; do
    service_pid "$(svc_field "$e" 1)" >/dev/null || ensure_port_free "$e"
  done
else
  for e in "${SERVICES[@]}"; do ensure_port_free "$e"; done
fi

# ------------------------------------------------------------------ directories
install -d -m 755 "$STATE" "$RUN" "$LOGS"
install -d -m 750 -o mysql -g mysql "$STATE/mysql" "$STATE/mysql/run"
install -d -m 750 -o keystone -g keystone "$STATE/keystone"
install -d -m 750 -o glance -g glance "$STATE/glance" "$STATE/glance/images" \
  "$STATE/glance/staging" "$STATE/glance/tasks" "$STATE/glance/locks" "$STATE/glance/tmp" \
  "$STATE/glance-limits"
install -d -m 755 -o swift -g swift "$STATE/swift" "$STATE/swift/data" "$STATE/swift/data/d1" \
  "$STATE/swift/cache" "$STATE/swift/run"
for f in mariadb memcached swift-account swift-container swift-object swift-proxy keystone glance-api glance-limits; do
  touch "$LOGS/$f.log"
done

# ------------------------------------------------------------------ configuration files
cat >"$STATE/mysql/my.cnf" <<EOF
[client]
socket = $STATE/mysql/run/mysqld.sock
user = root

[mysqld]
user = mysql
datadir = $STATE/mysql/data
socket = $STATE/mysql/run/mysqld.sock
pid-file = $STATE/mysql/run/mysqld.pid
bind-address = 127.0.0.1
port = $MYSQL_PORT
skip-name-resolve
skip-log-bin
log-error = $LOGS/mariadb.log
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
max_connections = 300
innodb_buffer_pool_size = 128M
innodb_flush_log_at_trx_commit = 2
innodb_log_file_size = 64M
EOF

cat >"$STATE/keystone/keystone.conf" <<EOF
[DEFAULT]
debug = false

[database]
connection = sqlite:///$STATE/keystone/keystone.db

[identity]
# Test only: makes token requests cheap.
password_hash_rounds = 4

[token]
provider = fernet

[fernet_tokens]
key_repository = $STATE/keystone/fernet-keys

[fernet_receipts]
key_repository = $STATE/keystone/fernet-keys

[credential]
key_repository = $STATE/keystone/credential-keys

[cache]
# In-process cache: correct because Keystone runs exactly one process.
enabled = true
backend = dogpile.cache.memory
EOF
chown keystone:keystone "$STATE/keystone/keystone.conf"

cat >"$STATE/keystone/uwsgi.ini" <<EOF
[uwsgi]
http-socket = 127.0.0.1:$KEYSTONE_PORT
master = true
processes = 1
threads = 1
enable-threads = true
lazy-apps = true
need-app = true
die-on-term = true
no-orphans = true
buffer-size = 65535
add-header = Connection: close
uid = keystone
gid = keystone
chdir = $STATE/keystone
env = OS_KEYSTONE_CONFIG_DIR=$STATE/keystone
procname-prefix-spaced = oim-testcloud-keystone
wsgi-file = /usr/bin/keystone-wsgi-public
EOF

# Glance runs twice: the main API (9292, legacy quotas) and glance-limits (9293,
# use_keystone_limits = true). Both are the same glance-api with the same database, stores
# ($STATE/glance/images, staging, tasks) and lock directory; each reads its own config
# directory (OS_GLANCE_CONFIG_DIR): $STATE/glance and $STATE/glance-limits.
GLL_DIR="$STATE/glance-limits"

# glance_paste_ini CONFDIR: Debian's paste ini with a healthcheck disable file of our own.
glance_paste_ini() {
  cp /etc/glance/glance-api-paste.ini "$1/glance-api-paste.ini"
  sed -i "s|^disable_by_file_path = .*|disable_by_file_path = $1/healthcheck_disable|" \
    "$1/glance-api-paste.ini"
}

# glance_api_conf PORT QUOTA_SETTING CONFDIR: glance-api.conf on stdout.
glance_api_conf() {
  cat <<EOF
[DEFAULT]
debug = false
bind_host = 127.0.0.1
bind_port = $1
enabled_backends = local:file
enabled_import_methods = [glance-direct,web-download,copy-image]
$2
show_multiple_locations = false
show_image_direct_url = false

[database]
connection = mysql+pymysql://glance:$GLANCE_DB_PASSWORD@127.0.0.1:$MYSQL_PORT/glance?charset=utf8mb4
max_pool_size = 10
max_overflow = 20

[glance_store]
default_backend = local

[local]
filesystem_store_datadir = $STATE/glance/images/

[os_glance_staging_store]
filesystem_store_datadir = $STATE/glance/staging/

[os_glance_tasks_store]
filesystem_store_datadir = $STATE/glance/tasks/

[keystone_authtoken]
www_authenticate_uri = http://127.0.0.1:$KEYSTONE_PORT
auth_url = http://127.0.0.1:$KEYSTONE_PORT
auth_type = password
project_domain_name = Default
user_domain_name = Default
project_name = service
username = glance
password = $GLANCE_SERVICE_PASSWORD
region_name = $REGION
interface = public
service_token_roles_required = true

[paste_deploy]
flavor = keystone
config_file = $3/glance-api-paste.ini

[oslo_concurrency]
lock_path = $STATE/glance/locks

[wsgi]
# Under uwsgi sys.executable is the uwsgi binary: the conversion plugin needs this.
python_interpreter = /usr/bin/python3
EOF
}

# glance_uwsgi_ini PORT CONFDIR PROCESSES PROCNAME: the uwsgi ini on stdout.
glance_uwsgi_ini() {
  cat <<EOF
[uwsgi]
http-socket = 127.0.0.1:$1
master = true
processes = $3
threads = 4
enable-threads = true
lazy-apps = true
need-app = true
die-on-term = true
no-orphans = true
buffer-size = 65535
socket-timeout = 60
# A worker whose request has not finished in this long is killed and respawned. Glance was seen to
# stop answering for good after thousands of requests from parallel test runs, every thread of its
# workers asleep; the tests then waited out timeouts instead of getting a fresh worker.
harakiri = 120
http-auto-chunked = true
http-chunked-input = true
http-raw-body = true
wsgi-manage-chunked-input = true
add-header = Connection: close
uid = glance
gid = glance
chdir = $STATE/glance
env = OS_GLANCE_CONFIG_DIR=$2
env = TMPDIR=$STATE/glance/tmp
procname-prefix-spaced = $4
wsgi-file = /usr/bin/glance-wsgi-api
EOF
}

glance_paste_ini "$STATE/glance"
glance_api_conf "$GLANCE_PORT" "# Legacy (global) quotas: fast, no Keystone round trip per create.
use_keystone_limits = false" "$STATE/glance" >"$STATE/glance/glance-api.conf"

cat >"$STATE/glance/glance-image-import.conf" <<EOF
[image_import_opts]
image_import_plugins = [image_decompression,image_conversion]

[image_conversion]
output_format = raw

[import_filtering_opts]
allowed_schemes = [http,https]
# Loopback must be listed explicitly (use http://127.0.0.1:<port>/, not localhost);
# an empty list of ports allows every port.
allowed_hosts = [127.0.0.1]
allowed_ports = []
EOF
chown glance:glance "$STATE/glance/glance-api.conf" "$STATE/glance/glance-image-import.conf" \
  "$STATE/glance/glance-api-paste.ini"
chmod 640 "$STATE/glance/glance-api.conf"

glance_uwsgi_ini "$GLANCE_PORT" "$STATE/glance" 2 oim-testcloud-glance >"$STATE/glance/uwsgi.ini"

# write_glance_limits_conf ENDPOINT_ID: the config directory of glance-limits. Only written when
# glance-limits is (re)started, so its [oslo_limit] endpoint_id is the one the process runs with.
write_glance_limits_conf() {
  glance_paste_ini "$GLL_DIR"
  cp "$STATE/glance/glance-image-import.conf" "$GLL_DIR/glance-image-import.conf"
  {
    glance_api_conf "$GLANCE_LIMITS_PORT" "# Keystone unified limits (registered limits + project limits of service glance):
# every create/upload/stage asks Keystone (about 200 ms).
use_keystone_limits = true" "$GLL_DIR"
    cat <<EOF

[oslo_limit]
# The public image endpoint: oslo.limit reads service and region (RegionOne) from it.
endpoint_id = $1
auth_url = $KEYSTONE_URL
auth_type = password
user_domain_name = Default
username = glance
password = $GLANCE_SERVICE_PASSWORD
# Reading limits needs a system-scoped token (glance has the reader role on the system).
system_scope = all
EOF
  } >"$GLL_DIR/glance-api.conf"
  glance_uwsgi_ini "$GLANCE_LIMITS_PORT" "$GLL_DIR" 1 oim-testcloud-glance-limits >"$GLL_DIR/uwsgi.ini"
  chown glance:glance "$GLL_DIR"/glance-api.conf "$GLL_DIR"/glance-image-import.conf \
    "$GLL_DIR"/glance-api-paste.ini "$GLL_DIR"/uwsgi.ini
  chmod 640 "$GLL_DIR/glance-api.conf"
}

# Swift: /etc/swift/swift.conf is read from that fixed path by every Swift server (the
# path is not configurable), so this single file lives outside the state directory.
SWIFT_CONF_CONTENT="# Written by the oim local test cloud (tests/cloud/start.sh).
[swift-hash]
swift_hash_path_suffix = oim-testcloud-suffix
swift_hash_path_prefix = oim-testcloud-prefix

[storage-policy:0]
name = Policy-0
default = yes

[swift-constraints]
max_meta_value_length = 2048
"
install -d -m 755 /etc/swift
if [ "$(cat /etc/swift/swift.conf 2>/dev/null || true)" != "$(printf '%s' "$SWIFT_CONF_CONTENT")" ]; then
  [ -f /etc/swift/swift.conf ] && [ ! -f /etc/swift/swift.conf.oim-orig ] && \
    cp -p /etc/swift/swift.conf /etc/swift/swift.conf.oim-orig
  printf '%s' "$SWIFT_CONF_CONTENT" >/etc/swift/swift.conf
  chmod 644 /etc/swift/swift.conf
  log "wrote /etc/swift/swift.conf"
fi
cp /etc/swift/swift.conf "$STATE/swift/swift.conf"

swift_server_conf() { # type port
  cat <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $2
workers = 1
user = swift
swift_dir = $STATE/swift
devices = $STATE/swift/data
mount_check = false
log_level = INFO
log_name = $1-server

[pipeline:main]
pipeline = healthcheck recon $1-server

[app:$1-server]
use = egg:swift#$1

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:recon]
use = egg:swift#recon
recon_cache_path = $STATE/swift/cache

[$1-replicator]
[$1-auditor]
EOF
}
swift_server_conf account "$SWIFT_ACCOUNT_PORT" >"$STATE/swift/account-server.conf"
swift_server_conf container "$SWIFT_CONTAINER_PORT" >"$STATE/swift/container-server.conf"
swift_server_conf object "$SWIFT_OBJECT_PORT" >"$STATE/swift/object-server.conf"

cat >"$STATE/swift/proxy-server.conf" <<EOF
[DEFAULT]
bind_ip = 127.0.0.1
bind_port = $SWIFT_PROXY_PORT
workers = 1
user = swift
swift_dir = $STATE/swift
log_level = INFO
log_name = proxy-server

[pipeline:main]
pipeline = catch_errors gatekeeper healthcheck proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo versioned_writes symlink proxy-logging proxy-server

[app:proxy-server]
use = egg:swift#proxy
account_autocreate = true
allow_account_management = true

[filter:catch_errors]
use = egg:swift#catch_errors

[filter:gatekeeper]
use = egg:swift#gatekeeper

[filter:healthcheck]
use = egg:swift#healthcheck

[filter:proxy-logging]
use = egg:swift#proxy_logging

[filter:cache]
use = egg:swift#memcache
memcache_servers = 127.0.0.1:$MEMCACHED_PORT

[filter:listing_formats]
use = egg:swift#listing_formats

[filter:bulk]
use = egg:swift#bulk

[filter:s3api]
use = egg:swift#s3api
location = us-east-1
s3_acl = false
max_upload_part_num = 10000

[filter:tempauth]
use = egg:swift#tempauth
# S3 access key "test:tester", secret "testing"; Swift account AUTH_test.
user_test_tester = $S3_SECRET_KEY .admin

[filter:copy]
use = egg:swift#copy

[filter:slo]
use = egg:swift#slo
max_manifest_segments = 10000

[filter:dlo]
use = egg:swift#dlo

[filter:versioned_writes]
use = egg:swift#versioned_writes
allow_versioned_writes = true

[filter:symlink]
use = egg:swift#symlink
EOF
chown swift:swift "$STATE/swift"/*.conf

# ------------------------------------------------------------------ MariaDB
E_MYSQL=$(entry_of mariadb)
if needs_start "$E_MYSQL"; then
  if [ ! -d "$STATE/mysql/data/mysql" ]; then
    log "initialising the MariaDB data directory"
    rm -rf "$STATE/mysql/data"
    mariadb-install-db --defaults-file="$STATE/mysql/my.cnf" --user=mysql \
      --auth-root-authentication-method=socket --skip-test-db >>"$LOGS/mariadb.log" 2>&1 \
      || { tail -n 30 "$LOGS/mariadb.log" >&2; die "mariadb-install-db failed"; }
  fi
  log "starting MariaDB on 127.0.0.1:$MYSQL_PORT"
  start_daemon mariadb "$LOGS/mariadb.log" mariadbd --defaults-file="$STATE/mysql/my.cnf"
fi

# ------------------------------------------------------------------ memcached
E_MEMC=$(entry_of memcached)
if needs_start "$E_MEMC"; then
  log "starting memcached on 127.0.0.1:$MEMCACHED_PORT"
  start_daemon memcached "$LOGS/memcached.log" \
    memcached -u memcache -l 127.0.0.1 -p "$MEMCACHED_PORT" -U 0 -m 64 -c 1024
fi

# ------------------------------------------------------------------ Swift rings + xattrs
ring_pids=()
for t in account:$SWIFT_ACCOUNT_PORT container:$SWIFT_CONTAINER_PORT object:$SWIFT_OBJECT_PORT; do
  name=${t%%:*}; port=${t##*:}
  if [ ! -s "$STATE/swift/$name.ring.gz" ]; then
    (
      cd "$STATE/swift"
      rm -f "$name.builder"
      swift-ring-builder "$name.builder" create 10 1 1
      swift-ring-builder "$name.builder" add "r1z1-127.0.0.1:$port/d1" 100
      swift-ring-builder "$name.builder" rebalance
    ) >>"$LOGS/swift-rings.log" 2>&1 &
    ring_pids+=($!)
  fi
done

if [ ! -f "$STATE/swift/.xattr-ok" ]; then
  if runuser -u swift -- "$PY" -c '
import os, sys
p = os.path.join(sys.argv[1], ".xattr-probe")
open(p, "w").close()
try:
    os.setxattr(p, "user.oim.probe", b"x" * 4000)
    assert os.getxattr(p, "user.oim.probe") == b"x" * 4000
finally:
    os.unlink(p)
' "$STATE/swift/data/d1" 2>>"$LOGS/swift-object.log"; then
    touch "$STATE/swift/.xattr-ok"
  else
    die "the file system of $STATE/swift/data does not support user xattrs (needed by Swift); set OIM_TESTCLOUD_STATE to a directory on ext4/xfs/tmpfs"
  fi
fi

# ------------------------------------------------------------------ Keystone (setup in background)
E_KS=$(entry_of keystone)
KM=(runuser -u keystone -- keystone-manage --config-file "$STATE/keystone/keystone.conf")
KS_START=0; KS_SETUP_PID=""
if needs_start "$E_KS"; then
  KS_START=1
  if [ ! -f "$STATE/keystone/.bootstrapped" ] || [ ! -s "$STATE/keystone/keystone.db" ]; then
    log "Keystone: db_sync, fernet/credential keys, bootstrap (in the background)"
    (
      set -e
      "${KM[@]}" db_sync
      runuser -u keystone -- "$PY" -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); print("journal_mode", c.execute("PRAGMA journal_mode=WAL").fetchone()[0]); c.close()' "$STATE/keystone/keystone.db"
      "${KM[@]}" fernet_setup --keystone-user keystone --keystone-group keystone
      "${KM[@]}" credential_setup --keystone-user keystone --keystone-group keystone
      "${KM[@]}" bootstrap --bootstrap-password "$ADMIN_PASSWORD" \
        --bootstrap-username admin --bootstrap-project-name admin --bootstrap-role-name admin \
        --bootstrap-service-name keystone --bootstrap-region-id "$REGION" \
        --bootstrap-admin-url "$KEYSTONE_URL" --bootstrap-internal-url "$KEYSTONE_URL" \
        --bootstrap-public-url "$KEYSTONE_URL"
    ) >>"$LOGS/keystone-manage.log" 2>&1 </dev/null &
    KS_SETUP_PID=$!
  fi
fi
start_keystone() {
  [ "$KS_START" = 1 ] || return 0
  if [ -n "$KS_SETUP_PID" ]; then
    wait "$KS_SETUP_PID" \
      || { tail -n 40 "$LOGS/keystone-manage.log" >&2; die "keystone-manage failed (log: $LOGS/keystone-manage.log)"; }
    touch "$STATE/keystone/.bootstrapped"
    log "Keystone bootstrapped ($(elapsed))"
  fi
  log "starting Keystone (uwsgi) on 127.0.0.1:$KEYSTONE_PORT"
  start_daemon keystone "$LOGS/keystone.log" uwsgi_python3 --ini "$STATE/keystone/uwsgi.ini"
}
if [ -z "$KS_SETUP_PID" ]; then start_keystone; fi

# ------------------------------------------------------------------ Swift servers
for rp in "${ring_pids[@]}"; do
  wait "$rp" || { tail -n 30 "$LOGS/swift-rings.log" >&2; die "swift-ring-builder failed"; }
done
chown swift:swift "$STATE/swift"/*.ring.gz "$STATE/swift"/*.builder 2>/dev/null || true
for s in account container object; do
  E=$(entry_of "swift-$s")
  if needs_start "$E"; then
    log "starting swift-$s-server"
    start_daemon "swift-$s" "$LOGS/swift-$s.log" "swift-$s-server" "$STATE/swift/$s-server.conf" --verbose
  fi
done

# ------------------------------------------------------------------ Glance database
wait_for "$E_MYSQL"
if [ ! -f "$STATE/glance/.db_synced" ] || [ ! -d "$STATE/mysql/data/glance" ]; then
  log "creating the glance database and user"
  mariadb --defaults-file="$STATE/mysql/my.cnf" <<EOF
CREATE DATABASE IF NOT EXISTS glance CHARACTER SET utf8mb4 COLLATE utf8mb4_general_ci;
CREATE USER IF NOT EXISTS 'glance'@'127.0.0.1' IDENTIFIED BY '$GLANCE_DB_PASSWORD';
CREATE USER IF NOT EXISTS 'glance'@'localhost' IDENTIFIED BY '$GLANCE_DB_PASSWORD';
ALTER USER 'glance'@'127.0.0.1' IDENTIFIED BY '$GLANCE_DB_PASSWORD';
ALTER USER 'glance'@'localhost' IDENTIFIED BY '$GLANCE_DB_PASSWORD';
GRANT ALL PRIVILEGES ON glance.* TO 'glance'@'127.0.0.1';
GRANT ALL PRIVILEGES ON glance.* TO 'glance'@'localhost';
FLUSH PRIVILEGES;
EOF
  log "Glance: db_sync"
  OS_GLANCE_CONFIG_DIR="$STATE/glance" runuser -u glance -- glance-manage \
    --config-file "$STATE/glance/glance-api.conf" db_sync >>"$LOGS/glance-manage.log" 2>&1 \
    || { tail -n 40 "$LOGS/glance-manage.log" >&2; die "glance-manage db_sync failed (log: $LOGS/glance-manage.log)"; }
  touch "$STATE/glance/.db_synced"
fi

E_GL=$(entry_of glance-api)
if needs_start "$E_GL"; then
  log "starting Glance API (uwsgi) on 127.0.0.1:$GLANCE_PORT"
  start_daemon glance-api "$LOGS/glance-api.log" uwsgi_python3 --ini "$STATE/glance/uwsgi.ini"
fi

# glance-limits needs the id of the image endpoint ([oslo_limit] endpoint_id). It is known from
# an earlier start (provision.py writes it): then start now, in parallel with the main Glance;
# on the first start it is started after provisioning.
E_GLL=$(entry_of glance-limits)
GLL_START=0
if needs_start "$E_GLL"; then
  GLL_START=1
  if [ -s "$GLL_DIR/endpoint-id" ]; then
    write_glance_limits_conf "$(cat "$GLL_DIR/endpoint-id")"
    log "starting glance-limits (uwsgi, unified limits) on 127.0.0.1:$GLANCE_LIMITS_PORT"
    start_daemon glance-limits "$LOGS/glance-limits.log" uwsgi_python3 --ini "$GLL_DIR/uwsgi.ini"
    GLL_START=2
  fi
fi

if [ -n "$KS_SETUP_PID" ]; then start_keystone; fi

# ------------------------------------------------------------------ Swift proxy (needs memcached)
wait_for "$E_MEMC"
E_PX=$(entry_of swift-proxy)
if needs_start "$E_PX"; then
  log "starting swift-proxy-server on 127.0.0.1:$SWIFT_PROXY_PORT"
  start_daemon swift-proxy "$LOGS/swift-proxy.log" swift-proxy-server "$STATE/swift/proxy-server.conf" --verbose
fi

# ------------------------------------------------------------------ Keystone content
wait_for "$E_KS"
log "provisioning Keystone (projects, users, roles, image service)"
TC_KEYSTONE_URL="$KEYSTONE_URL" TC_REGION="$REGION" TC_GLANCE_URL="$GLANCE_URL" \
TC_ADMIN_PASSWORD="$ADMIN_PASSWORD" TC_GLANCE_SERVICE_PASSWORD="$GLANCE_SERVICE_PASSWORD" \
TC_U1_PASSWORD="$U1_PASSWORD" TC_U2_PASSWORD="$U2_PASSWORD" \
TC_U3_PASSWORD="$U3_PASSWORD" TC_U4_PASSWORD="$U4_PASSWORD" TC_U5_PASSWORD="$U5_PASSWORD" TC_DEMO_PASSWORD="$DEMO_PASSWORD" \
TC_REGISTERED_LIMITS="$REGISTERED_LIMITS" TC_PROJECT_LIMITS="$PROJECT_LIMITS" \
TC_ENDPOINT_ID_FILE="$GLL_DIR/endpoint-id" \
  "$PY" "$TESTCLOUD_DIR/provision.py"
chmod 644 "$GLL_DIR/endpoint-id"

# glance-limits: start it now (first start), or restart it when the image endpoint changed
# since its config was written (e.g. Keystone's database was recreated).
ENDPOINT_ID=$(cat "$GLL_DIR/endpoint-id")
gll_conf_id() { awk -F' = ' '$1 == "endpoint_id" { print $2 }' "$GLL_DIR/glance-api.conf" 2>/dev/null || true; }
if [ "$GLL_START" != 1 ] && [ "$(gll_conf_id)" != "$ENDPOINT_ID" ]; then
  if pid=$(service_pid glance-limits); then
    log "image endpoint id changed ($(gll_conf_id) -> $ENDPOINT_ID): restarting glance-limits"
    # A uwsgi worker that is still loading the app ignores SIGTERM (for up to 60 s): let it
    # come up first (it answers without Keystone limits), then stop it.
    wait_for "$E_GLL"
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    deadline=$(( $(date +%s) + 15 )); killed=0
    while [ -n "$(group_pids "$pid")" ]; do
      if [ "$killed" = 0 ] && [ "$(date +%s)" -ge "$deadline" ]; then
        warn "glance-limits (pid $pid) still alive 15 s after SIGTERM: SIGKILL"
        kill -KILL -- "-$pid" 2>/dev/null || true; killed=1
      fi
      sleep 0.1
    done
    rm -f "$RUN/glance-limits.pid" "$RUN/glance-limits.start"
    ensure_port_free "$E_GLL"
  fi
  GLL_START=1
fi
if [ "$GLL_START" = 1 ]; then
  write_glance_limits_conf "$ENDPOINT_ID"
  log "starting glance-limits (uwsgi, unified limits) on 127.0.0.1:$GLANCE_LIMITS_PORT"
  start_daemon glance-limits "$LOGS/glance-limits.log" uwsgi_python3 --ini "$GLL_DIR/uwsgi.ini"
fi

# ------------------------------------------------------------------ Swift bucket
for s in account container object; do wait_for "$(entry_of "swift-$s")"; done
wait_for "$E_PX"
hdrs=$(curl -sS --noproxy '*' --max-time 20 -D - -o /dev/null \
  -H "X-Auth-User: $S3_ACCESS_KEY" -H "X-Auth-Key: $S3_SECRET_KEY" "$SWIFT_URL/auth/v1.0") \
  || die "Swift tempauth request failed"
SWIFT_TOKEN=$(printf '%s' "$hdrs" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-auth-token"{print $2}')
SWIFT_STORAGE=$(printf '%s' "$hdrs" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-storage-url"{print $2}')
if [ -z "$SWIFT_TOKEN" ] || [ -z "$SWIFT_STORAGE" ]; then
  tail -n 30 "$LOGS/swift-proxy.log" >&2; die "Swift tempauth gave no token"
fi
code=$(http_code "$SWIFT_STORAGE/$S3_BUCKET" -X PUT -H "X-Auth-Token: $SWIFT_TOKEN")
case "$code" in
  201) log "created bucket $S3_BUCKET" ;;
  202) log "bucket $S3_BUCKET exists" ;;
  *) tail -n 30 "$LOGS/swift-proxy.log" >&2; die "creating bucket $S3_BUCKET: HTTP $code" ;;
esac

# ------------------------------------------------------------------ Glance end to end
wait_for "$E_GL"
U1_TOKEN=$(curl -sS --noproxy '*' --max-time 20 -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"oim-u1\",\"domain\":{\"id\":\"default\"},\"password\":\"$U1_PASSWORD\"}}},\"scope\":{\"project\":{\"name\":\"oim-p1\",\"domain\":{\"id\":\"default\"}}}}}" \
  "$KEYSTONE_URL/auth/tokens" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
[ -n "$U1_TOKEN" ] || die "oim-u1 cannot get a token from Keystone"
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  code=$(http_code "$GLANCE_URL/v2/images?limit=1" -H "X-Auth-Token: $U1_TOKEN")
  [ "$code" = 200 ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 40 "$LOGS/glance-api.log" >&2
    die "glance-api: authenticated GET /v2/images gives HTTP $code after ${TIMEOUT} s"
  fi
  sleep 0.3
done
log "glance-api: authenticated GET /v2/images OK"

# ------------------------------------------------------------------ glance-limits end to end
# GET /v2/info/usage makes glance-limits read oim-p2's limits from Keystone through
# [oslo_limit]: a wrong endpoint id, password or scope shows up here, not in a test.
wait_for "$E_GLL"
U2_TOKEN=$(curl -sS --noproxy '*' --max-time 20 -D - -o /dev/null -H 'Content-Type: application/json' \
  -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"oim-u2\",\"domain\":{\"id\":\"default\"},\"password\":\"$U2_PASSWORD\"}}},\"scope\":{\"project\":{\"name\":\"oim-p2\",\"domain\":{\"id\":\"default\"}}}}}" \
  "$KEYSTONE_URL/auth/tokens" | tr -d '\r' | awk -F': ' 'tolower($1)=="x-subject-token"{print $2}')
[ -n "$U2_TOKEN" ] || die "oim-u2 cannot get a token from Keystone"
want_mib=$P2_IMAGE_SIZE_TOTAL_MIB
deadline=$(( $(date +%s) + TIMEOUT ))
while :; do
  usage=$(curl -s --noproxy '*' --max-time 20 -H "X-Auth-Token: $U2_TOKEN" "$GLANCE_LIMITS_URL/v2/info/usage" 2>/dev/null || true)
  got=$(printf '%s' "$usage" | "$PY" -c 'import json,sys; print(json.load(sys.stdin)["usage"]["image_size_total"]["limit"])' 2>/dev/null || true)
  [ "$got" = "$want_mib" ] && break
  if [ "$(date +%s)" -ge "$deadline" ]; then
    tail -n 40 "$LOGS/glance-limits.log" >&2
    die "glance-limits: GET /v2/info/usage for oim-p2 does not show image_size_total limit $want_mib (got '${got:-}'; answer: $(printf '%s' "$usage" | head -c 300)); check [oslo_limit] in $GLL_DIR/glance-api.conf"
  fi
  sleep 0.3
done
log "glance-limits: oim-p2 image_size_total limit $want_mib MiB (GET /v2/info/usage)"

write_generated_files
provision_fingerprint >"$STATE/.provisioned"
log "test cloud ready in $(elapsed): Keystone $KEYSTONE_URL, Glance $GLANCE_URL (limits: $GLANCE_LIMITS_URL), S3/Swift $SWIFT_URL (bucket $S3_BUCKET)"
log "use: . $STATE/env.sh   (clouds: oim-admin, oim-p1, oim-p2, oim-p3, oim-p4, oim-p5, oim-demo, $QUOTA_CLOUD)"
