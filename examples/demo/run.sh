#!/usr/bin/env bash
# The main job without a cloud of your own: on the local test cloud (project oim-demo), import the
# sample catalog examples/demo/images, set its properties, then add a newer version and run again so
# rotation shows. Repeatable: every run starts from an empty oim-demo project.
#
#   bash examples/demo/run.sh          (from anywhere; as root when the test cloud must be installed or started)
#
# Needs the .NET 10 SDK. Installs (tests/cloud/install.sh) and starts (tests/cloud/start.sh) the local
# test cloud when it does not answer; both are idempotent.
set -euo pipefail

DEMO_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$DEMO_DIR/../.." && pwd)"
STATE="${OIM_TESTCLOUD_STATE:-/var/tmp/oim-testcloud}"
CLOUD=oim-demo
# Keystone and Glance of the test cloud live on 127.0.0.1: never go through a proxy.
export no_proxy=127.0.0.1,localhost NO_PROXY=127.0.0.1,localhost
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Debian's python3 has the yaml module (a dependency of the test cloud's packages).
PYTHON=/usr/bin/python3
[[ -x $PYTHON ]] || PYTHON=python3

step=0
headline() {
  step=$((step + 1))
  printf '\n=== %d. %s\n' "$step" "$*"
}

# ------------------------------------------------------------------ the test cloud
cloud_answers() {
  [[ -f $STATE/clouds.yaml ]] && grep -q "^  $CLOUD:" "$STATE/clouds.yaml" \
    && curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:5000/v3 \
    && curl -fsS -o /dev/null --max-time 5 http://127.0.0.1:9292/healthcheck
}

headline "Local test cloud (Keystone, Glance) with the project $CLOUD"
if cloud_answers; then
  echo "  running; clouds.yaml: $STATE/clouds.yaml"
else
  echo "  not running: installing and starting it (tests/cloud/install.sh, tests/cloud/start.sh)"
  bash "$REPO_ROOT/tests/cloud/install.sh"
  bash "$REPO_ROOT/tests/cloud/start.sh"
fi
export OS_CLIENT_CONFIG_FILE="$STATE/clouds.yaml"

headline "Start from an empty project $CLOUD (delete what an earlier demo left)"
"$PYTHON" "$DEMO_DIR/demo_project.py" reset

# ------------------------------------------------------------------ the image files, served locally
WORK="$(mktemp -d)"
SERVER_PID=""
cleanup() {
  if [[ -n $SERVER_PID ]]; then kill "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

headline "Build tiny qcow2 images and serve them on 127.0.0.1"
mkdir -p "$WORK/www" "$WORK/catalog-v1" "$WORK/catalog-v2"
for file in demo-linux-1.0 demo-linux-1.1 demo-rescue-2024.1; do
  # Same recipe, same bytes: the catalog's checksums are those of these files.
  printf 'OpenStackImageManager demo image %s\n' "$file" >"$WORK/$file.raw"
  truncate -s 1M "$WORK/$file.raw"
  qemu-img convert -f raw -O qcow2 "$WORK/$file.raw" "$WORK/www/$file.qcow2"
done
PORT="$("$PYTHON" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
"$PYTHON" -m http.server --bind 127.0.0.1 --directory "$WORK/www" "$PORT" >"$WORK/http.log" 2>&1 &
SERVER_PID=$!
server_up=0
for _ in $(seq 50); do
  if curl -fs -o /dev/null --max-time 1 "http://127.0.0.1:$PORT/"; then server_up=1; break; fi
  sleep 0.1
done
if [[ $server_up != 1 ]]; then
  echo "the image server on 127.0.0.1:$PORT did not start:" >&2
  cat "$WORK/http.log" >&2
  exit 1
fi
echo "  http://127.0.0.1:$PORT/: $(cd "$WORK/www" && echo *.qcow2)"
# The tool never reads upstream files from loopback addresses unless told to: allow exactly this server.
export OIM_UPSTREAM_ALLOWED_HOSTS="127.0.0.1:$PORT"

# The catalog as it is in the repository, pointed at this run's port. Another qemu-img may write
# other bytes: then the copy declares the digests of the files just built, and says so.
render_catalog() {
  local target=$1 file expected actual
  sed "s|http://127.0.0.1:8000/|http://127.0.0.1:$PORT/|" "$DEMO_DIR/images/demo.yml" >"$target/demo.yml"
  for file in "$WORK"/www/*.qcow2; do
    # The checksum line follows its url line; files the catalog does not list declare nothing.
    expected="$(grep -A1 "/$(basename "$file")\$" "$target/demo.yml" | sed -n 's/.*sha256:\([0-9a-f]*\).*/\1/p' || true)"
    actual="$(sha256sum "$file" | cut -d' ' -f1)"
    if [[ -n $expected && $expected != "$actual" ]]; then
      echo "  note: $(basename "$file") has sha256 $actual here, not the catalog's; the copy declares it"
      sed -i "s/$expected/$actual/" "$target/demo.yml"
    fi
  done
}
render_catalog "$WORK/catalog-v1"

# ------------------------------------------------------------------ the main job
manager() {
  # The built assembly itself: `dotnet run` would evaluate the project again on every call (seconds).
  (cd "$REPO_ROOT" && dotnet src/OpenStackImageManager.Cli/bin/Release/net10.0/openstack-image-manager.dll "$@")
}

headline "Build openstack-image-manager (dotnet build -c Release)"
if ! (cd "$REPO_ROOT" && dotnet build src/OpenStackImageManager.Cli -c Release -nologo -v quiet) >"$WORK/build.log" 2>&1; then
  cat "$WORK/build.log" >&2
  exit 1
fi
echo "  built"

headline "Run the main job: import the catalog and set its properties"
echo "  openstack-image-manager --cloud $CLOUD --images <catalog: Demo Linux 1.0, Demo Rescue 2024.1>"
manager --cloud "$CLOUD" --images "$WORK/catalog-v1"

headline "What project $CLOUD holds now"
"$PYTHON" "$DEMO_DIR/demo_project.py" show

headline "A newer version: add Demo Linux 1.1 to a copy of the catalog and run again (rotation)"
cp "$WORK/catalog-v1/demo.yml" "$WORK/catalog-v2/demo.yml"
# Appended to the versions of Demo Linux, which end where Demo Rescue begins.
"$PYTHON" - "$WORK/catalog-v2/demo.yml" "$PORT" <<'EOF'
import sys
path, port = sys.argv[1], sys.argv[2]
text = open(path, encoding="utf-8").read()
newer = (
    "      - version: '1.1'\n"
    f"        url: http://127.0.0.1:{port}/demo-linux-1.1.qcow2\n"
    "        build_date: 2026-02-15\n"
)
marker = "\n  # multi: false"
assert marker in text, "the catalog no longer has the Demo Rescue comment this script inserts before"
open(path, "w", encoding="utf-8").write(text.replace(marker, "\n" + newer + marker, 1))
EOF
echo "  openstack-image-manager --cloud $CLOUD --images <catalog + Demo Linux 1.1>"
manager --cloud "$CLOUD" --images "$WORK/catalog-v2"

headline "What project $CLOUD holds now: 1.1 is 'Demo Linux', 1.0 renamed and beyond the keep window (last-1: community)"
"$PYTHON" "$DEMO_DIR/demo_project.py" show

headline "Run once more: the cloud matches the catalog, nothing left to do"
manager --cloud "$CLOUD" --images "$WORK/catalog-v2"

printf '\nDone. The images stay in project %s (clouds.yaml: %s); the next run starts from scratch.\n' "$CLOUD" "$OS_CLIENT_CONFIG_FILE"
