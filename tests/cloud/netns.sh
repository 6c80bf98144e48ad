#!/usr/bin/env bash
# A local test cloud of its own in a network namespace, so a benchmark (or anything that must
# not disturb the shared cloud) gets the same ports on 127.0.0.1 without clashing with it.
#
#   netns.sh start NS [STATE]   create namespace NS (lo up) and run start.sh inside it with
#                               OIM_TESTCLOUD_STATE=STATE (default /var/tmp/oim-testcloud-NS)
#   netns.sh stop NS [STATE]    stop.sh inside NS, then delete the namespace
#   netns.sh exec NS CMD...     run CMD inside NS with the state's env.sh sourced
#
# Everything start.sh keeps lives under its state directory (MariaDB datadir, socket and pid,
# Keystone's database and keys, Glance's stores, Swift's rings and data, logs, pid files); the
# ports are per namespace. The one file shared by every state is /etc/swift/swift.conf, whose
# content start.sh writes identically for every cloud. No systemd unit is involved.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

usage() { echo "usage: $0 start|stop|exec NS [STATE | CMD...]" >&2; exit 2; }
[ $# -ge 2 ] || usage
[ "$(id -u)" = 0 ] || { echo "netns.sh must run as root" >&2; exit 1; }
action=$1 ns=$2; shift 2
[[ "$ns" =~ ^[a-z0-9][a-z0-9-]{0,30}$ ]] || { echo "namespace name must be [a-z0-9-]: '$ns'" >&2; exit 2; }
default_state=/var/tmp/oim-testcloud-$ns

ns_exists() { ip netns list | awk '{print $1}' | grep -qx "$ns"; }

case "$action" in
  start)
    state=${1:-$default_state}
    [ "$state" != /var/tmp/oim-testcloud ] || { echo "refusing the shared cloud's state directory" >&2; exit 1; }
    ns_exists || ip netns add "$ns"
    ip netns exec "$ns" ip link set lo up
    ip netns exec "$ns" env OIM_TESTCLOUD_STATE="$state" bash "$HERE/start.sh"
    echo "[netns] cloud of namespace $ns is up; state $state; run commands with: $0 exec $ns CMD..."
    echo "$state" >"/run/oim-netns-$ns.state"
    ;;
  stop)
    state=${1:-$(cat "/run/oim-netns-$ns.state" 2>/dev/null || echo "$default_state")}
    [ "$state" != /var/tmp/oim-testcloud ] || { echo "refusing the shared cloud's state directory" >&2; exit 1; }
    if ns_exists; then
      ip netns exec "$ns" env OIM_TESTCLOUD_STATE="$state" bash "$HERE/stop.sh"
      ip netns delete "$ns"
    fi
    rm -f "/run/oim-netns-$ns.state"
    ;;
  exec)
    [ $# -ge 1 ] || usage
    state=$(cat "/run/oim-netns-$ns.state" 2>/dev/null || echo "$default_state")
    # shellcheck disable=SC2016  # expanded by the inner bash
    exec ip netns exec "$ns" bash -c '. "$0/env.sh" && exec "$@"' "$state" "$@"
    ;;
  *) usage ;;
esac
