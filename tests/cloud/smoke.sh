#!/usr/bin/env bash
# shellcheck disable=SC2015  # pass/fail always return 0: A && pass || fail is safe here
# Smoke check of a running local test cloud (start.sh first). Uses curl, and Debian's
# /usr/bin/python3 for JSON parsing and for one S3 (SigV4) round trip.
# Prints PASS/FAIL per check and "N passed, N failed"; exits non-zero on any failure.
set -euo pipefail
# shellcheck source=lib.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/lib.sh"

[ -f "$STATE/env.sh" ] || die "$STATE/env.sh not found: run start.sh first"
# shellcheck disable=SC1091
. "$STATE/env.sh"

PASSED=0; FAILED=0
T0=$(now_ms)
TMP=$(mktemp -d /tmp/oim-smoke.XXXXXX)
HTTP_PID=""
CREATED_IMAGES=()
CREATED_P2_IMAGES=()
TOKEN=""
U2_TOKEN=""

cleanup() {
  local id
  for id in "${CREATED_IMAGES[@]}"; do
    [ -n "$id" ] || continue
    [ -n "$TOKEN" ] && curl -s --noproxy '*' -o /dev/null --max-time 20 -X DELETE \
      -H "X-Auth-Token: $TOKEN" "$OIM_GLANCE_URL/v2/images/$id" || true
  done
  for id in "${CREATED_P2_IMAGES[@]}"; do
    [ -n "$id" ] || continue
    [ -n "$U2_TOKEN" ] && curl -s --noproxy '*' -o /dev/null --max-time 20 -X DELETE \
      -H "X-Auth-Token: $U2_TOKEN" "$OIM_GLANCE_URL/v2/images/$id" || true
  done
  if [ -n "$HTTP_PID" ]; then
    kill "$HTTP_PID" 2>/dev/null || true
    wait "$HTTP_PID" 2>/dev/null || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT

pass() { PASSED=$((PASSED + 1)); echo "[testcloud] PASS $*"; }
fail() { FAILED=$((FAILED + 1)); echo "[testcloud] FAIL $*"; }

# req METHOD URL [curl args...]: sets CODE, body in $TMP/body, headers in $TMP/headers.
req() {
  local m="$1" u="$2"; shift 2
  CODE=$(curl -sS --noproxy '*' --max-time 120 -X "$m" -D "$TMP/headers" -o "$TMP/body" \
    -w '%{http_code}' "$@" "$u" 2>"$TMP/curl.err") || CODE="000"
}
auth() { req "$@" -H "X-Auth-Token: $TOKEN"; }
# json EXPR: evaluate a Python expression on the last body (bound to `d`).
json() { "$PY" -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2]))' "$TMP/body" "$1"; }
header() { tr -d '\r' <"$TMP/headers" | awk -F': ' -v h="$(echo "$1" | tr '[:upper:]' '[:lower:]')" 'tolower($1)==h{print $2}' | tail -n 1; }
body_snip() { head -c 300 "$TMP/body" 2>/dev/null | tr '\n' ' '; }

# wait_image ID STATUS SECONDS: poll until the image has STATUS (sets IMG_STATUS).
wait_image() {
  local id="$1" want="$2" deadline=$(( $(date +%s) + $3 ))
  IMG_STATUS=""
  while :; do
    auth GET "$OIM_GLANCE_URL/v2/images/$id"
    [ "$CODE" = 200 ] && IMG_STATUS=$(json 'd["status"]')
    [ "$IMG_STATUS" = "$want" ] && return 0
    case "$IMG_STATUS" in killed|deleted) return 1 ;; esac
    [ "$(date +%s)" -ge "$deadline" ] && return 1
    sleep 0.5
  done
}

# ------------------------------------------------------------------ Keystone
req POST "$OIM_KEYSTONE_URL/auth/tokens" -H 'Content-Type: application/json' -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"oim-u1\",\"domain\":{\"name\":\"Default\"},\"password\":\"$U1_PASSWORD\"}}},\"scope\":{\"project\":{\"name\":\"oim-p1\",\"domain\":{\"name\":\"Default\"}}}}}"
TOKEN=$(header X-Subject-Token)
if [ "$CODE" = 201 ] && [ -n "$TOKEN" ]; then
  roles=$(json '",".join(sorted(r["name"] for r in d["token"]["roles"]))')
  catalog=$(json '",".join(sorted(s["type"] for s in d["token"]["catalog"]))')
  pass "keystone: token for oim-u1 on oim-p1 (roles $roles; catalog $catalog)"
else
  fail "keystone: token for oim-u1 on oim-p1: HTTP $CODE $(body_snip)"
  echo "smoke: $PASSED passed, $FAILED failed"
  exit 1
fi

# ------------------------------------------------------------------ Glance: info
auth GET "$OIM_GLANCE_URL/v2/images"
[ "$CODE" = 200 ] && pass "glance: GET /v2/images" || fail "glance: GET /v2/images: HTTP $CODE $(body_snip)"

auth GET "$OIM_GLANCE_URL/v2/info/import"
if [ "$CODE" = 200 ]; then
  methods=$(json '",".join(d["import-methods"]["value"])')
  if [[ ",$methods," == *",web-download,"* && ",$methods," == *",glance-direct,"* ]]; then
    pass "glance: GET /v2/info/import ($methods)"
  else
    fail "glance: GET /v2/info/import lacks web-download/glance-direct: $methods"
  fi
else
  fail "glance: GET /v2/info/import: HTTP $CODE $(body_snip)"
fi

auth GET "$OIM_GLANCE_URL/v2/info/stores"
if [ "$CODE" = 200 ] && [ "$(json '",".join(s["id"] for s in d["stores"])')" = local ]; then
  pass "glance: GET /v2/info/stores (local)"
else
  fail "glance: GET /v2/info/stores: HTTP $CODE $(body_snip)"
fi

# ------------------------------------------------------------------ Glance: direct upload
head -c 1048576 /dev/urandom >"$TMP/data.raw"
MD5=$(md5sum "$TMP/data.raw" | cut -d' ' -f1)
auth POST "$OIM_GLANCE_URL/v2/images" -H 'Content-Type: application/json' \
  -d '{"name":"oim-smoke-upload","disk_format":"raw","container_format":"bare","visibility":"private"}'
if [ "$CODE" = 201 ]; then
  IMG=$(json 'd["id"]'); CREATED_IMAGES+=("$IMG")
  pass "glance: create image $IMG"
  auth PUT "$OIM_GLANCE_URL/v2/images/$IMG/file" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$TMP/data.raw"
  [ "$CODE" = 204 ] && pass "glance: PUT /file (1 MiB)" || fail "glance: PUT /file: HTTP $CODE $(body_snip)"
  if wait_image "$IMG" active 30; then
    auth GET "$OIM_GLANCE_URL/v2/images/$IMG"
    size=$(json 'd["size"]'); sum=$(json 'd["checksum"]')
    if [ "$size" = 1048576 ] && [ "$sum" = "$MD5" ]; then
      pass "glance: image active, size and checksum match"
    else
      fail "glance: image active but size=$size checksum=$sum (want 1048576 $MD5)"
    fi
  else
    fail "glance: image not active (status $IMG_STATUS)"
  fi
  auth GET "$OIM_GLANCE_URL/v2/images/$IMG/file"
  if [ "$CODE" = 200 ] && [ "$(md5sum <"$TMP/body" | cut -d' ' -f1)" = "$MD5" ]; then
    pass "glance: download matches"
  else
    fail "glance: download: HTTP $CODE"
  fi
  auth DELETE "$OIM_GLANCE_URL/v2/images/$IMG"
  if [ "$CODE" = 204 ]; then
    auth GET "$OIM_GLANCE_URL/v2/images/$IMG"
    [ "$CODE" = 404 ] && pass "glance: delete image" || fail "glance: image still there after delete: HTTP $CODE"
    CREATED_IMAGES=("${CREATED_IMAGES[@]/$IMG/}")
  else
    fail "glance: delete image: HTTP $CODE $(body_snip)"
  fi
else
  fail "glance: create image: HTTP $CODE $(body_snip)"
fi

# ------------------------------------------------------------------ Glance: glance-direct import
auth POST "$OIM_GLANCE_URL/v2/images" -H 'Content-Type: application/json' \
  -d '{"name":"oim-smoke-glance-direct","disk_format":"raw","container_format":"bare","visibility":"private"}'
if [ "$CODE" = 201 ]; then
  IMG=$(json 'd["id"]'); CREATED_IMAGES+=("$IMG")
  auth PUT "$OIM_GLANCE_URL/v2/images/$IMG/stage" -H 'Content-Type: application/octet-stream' \
    --data-binary "@$TMP/data.raw"
  if [ "$CODE" = 204 ]; then
    auth POST "$OIM_GLANCE_URL/v2/images/$IMG/import" -H 'Content-Type: application/json' \
      -d '{"method":{"name":"glance-direct"}}'
    if [ "$CODE" = 202 ] && wait_image "$IMG" active 60; then
      pass "glance: glance-direct import (stage + import) -> active"
    else
      fail "glance: glance-direct import: HTTP $CODE status ${IMG_STATUS:-} $(body_snip)"
    fi
  else
    fail "glance: PUT /stage: HTTP $CODE $(body_snip)"
  fi
  auth DELETE "$OIM_GLANCE_URL/v2/images/$IMG"
  [ "$CODE" = 204 ] && CREATED_IMAGES=("${CREATED_IMAGES[@]/$IMG/}")
else
  fail "glance: create image (glance-direct): HTTP $CODE $(body_snip)"
fi

# ------------------------------------------------------------------ Glance: web-download import
mkdir -p "$TMP/www"
qemu-img convert -f raw -O qcow2 "$TMP/data.raw" "$TMP/www/smoke.qcow2"
PORT=$("$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')
( cd "$TMP/www" && exec "$PY" -m http.server --bind 127.0.0.1 "$PORT" ) >"$TMP/http.log" 2>&1 &
HTTP_PID=$!
for _ in $(seq 1 50); do port_open "$PORT" && break; sleep 0.1; done
URI="http://127.0.0.1:$PORT/smoke.qcow2"
auth POST "$OIM_GLANCE_URL/v2/images" -H 'Content-Type: application/json' \
  -d '{"name":"oim-smoke-web-download","disk_format":"qcow2","container_format":"bare","visibility":"private"}'
if [ "$CODE" = 201 ]; then
  IMG=$(json 'd["id"]'); CREATED_IMAGES+=("$IMG")
  auth POST "$OIM_GLANCE_URL/v2/images/$IMG/import" -H 'Content-Type: application/json' \
    -d "{\"method\":{\"name\":\"web-download\",\"uri\":\"$URI\"}}"
  if [ "$CODE" = 202 ]; then
    if wait_image "$IMG" active 90; then
      auth GET "$OIM_GLANCE_URL/v2/images/$IMG"
      fmt=$(json 'd["disk_format"]'); size=$(json 'd["size"]')
      if [ "$fmt" = raw ] && [ "$size" = 1048576 ]; then
        pass "glance: web-download import from $URI -> active (qcow2 converted to raw)"
      else
        fail "glance: web-download import active but disk_format=$fmt size=$size (want raw 1048576)"
      fi
    else
      auth GET "$OIM_GLANCE_URL/v2/images/$IMG/tasks"
      fail "glance: web-download import: image status ${IMG_STATUS:-?}; tasks: $(body_snip)"
    fi
  else
    fail "glance: web-download import request: HTTP $CODE $(body_snip)"
  fi
  auth DELETE "$OIM_GLANCE_URL/v2/images/$IMG"
  [ "$CODE" = 204 ] && CREATED_IMAGES=("${CREATED_IMAGES[@]/$IMG/}")
else
  fail "glance: create image (web-download): HTTP $CODE $(body_snip)"
fi

# ------------------------------------------------------------------ glance-limits (unified limits)
# oim-p2 has image_size_total = 1 MiB at glance-limits (9293); the main Glance (9292) ignores
# Keystone limits. Glance checks the limit BEFORE it reads the data, against what the project
# already stores: an upload into a project under its limit goes through even if it takes the
# project over, and the next one is refused. So: fill (2 MiB, 204 unless oim-p2 is already
# over), then a 2 MiB PUT /file through 9293 must answer 413 and the same through 9292 204.
# curl waits 1 s for "100 Continue" on bodies over 1 MiB (uwsgi never sends it): -H 'Expect:'.
req POST "$OIM_KEYSTONE_URL/auth/tokens" -H 'Content-Type: application/json' -d "{\"auth\":{\"identity\":{\"methods\":[\"password\"],\"password\":{\"user\":{\"name\":\"oim-u2\",\"domain\":{\"name\":\"Default\"},\"password\":\"$U2_PASSWORD\"}}},\"scope\":{\"project\":{\"name\":\"oim-p2\",\"domain\":{\"name\":\"Default\"}}}}}"
U2_TOKEN=$(header X-Subject-Token)
u2() { req "$@" -H "X-Auth-Token: $U2_TOKEN"; }
# p2_image URL: create a private image of oim-p2 through that Glance (sets P2_IMG, "" on failure).
p2_image() {
  P2_IMG=""
  u2 POST "$1/v2/images" -H 'Content-Type: application/json' \
    -d '{"name":"oim-smoke-quota","disk_format":"raw","container_format":"bare","visibility":"private"}'
  if [ "$CODE" = 201 ]; then P2_IMG=$(json 'd["id"]'); CREATED_P2_IMAGES+=("$P2_IMG"); fi
}
# p2_put URL ID: PUT 2 MiB of zeros as the image data.
p2_put() { u2 PUT "$1/v2/images/$2/file" -H 'Expect:' -H 'Content-Type: application/octet-stream' --data-binary "@$TMP/zero2m"; }
head -c 2097152 /dev/zero >"$TMP/zero2m"

if [ -z "$U2_TOKEN" ]; then
  fail "keystone: token for oim-u2 on oim-p2: HTTP $CODE $(body_snip)"
else
  u2 GET "$OIM_GLANCE_LIMITS_URL/v2/info/usage"
  if [ "$CODE" = 200 ] && [ "$(json 'd["usage"]["image_size_total"]["limit"], d["usage"]["image_stage_total"]["limit"]')" = "($((OIM_QUOTA_LIMIT_BYTES / 1048576)), 1)" ]; then
    pass "glance-limits: GET /v2/info/usage for oim-p2: $(json '"; ".join(k + " " + str(v["usage"]) + "/" + str(v["limit"]) for k, v in d["usage"].items())') (usage/limit; MiB for sizes)"
  else
    fail "glance-limits: GET /v2/info/usage for oim-p2: HTTP $CODE $(body_snip)"
  fi

  p2_image "$OIM_GLANCE_LIMITS_URL"
  if [ -n "$P2_IMG" ]; then
    p2_put "$OIM_GLANCE_LIMITS_URL" "$P2_IMG"; fill=$CODE
    p2_image "$OIM_GLANCE_LIMITS_URL"
  fi
  if [ -n "$P2_IMG" ]; then
    p2_put "$OIM_GLANCE_LIMITS_URL" "$P2_IMG"
    msg=$(grep -o 'Project [^<]*' "$TMP/body" | head -n 1)
    if [ "$CODE" = 413 ] && [[ "$msg" == *image_size_total* ]]; then
      pass "glance-limits: PUT /file 2 MiB into an oim-p2 image -> 413 (fill upload: HTTP $fill): $msg"
    else
      fail "glance-limits: PUT /file 2 MiB into an oim-p2 image: HTTP $CODE (want 413; fill upload: HTTP $fill) $(body_snip)"
    fi
  else
    fail "glance-limits: create an oim-p2 image: HTTP $CODE $(body_snip)"
  fi

  p2_image "$OIM_GLANCE_URL"
  if [ -n "$P2_IMG" ]; then
    p2_put "$OIM_GLANCE_URL" "$P2_IMG"
    [ "$CODE" = 204 ] && pass "glance: PUT /file 2 MiB into an oim-p2 image through $OIM_GLANCE_URL works (legacy quotas ignore oim-p2's limit)" \
      || fail "glance: PUT /file 2 MiB into an oim-p2 image through $OIM_GLANCE_URL: HTTP $CODE $(body_snip)"
  else
    fail "glance: create an oim-p2 image: HTTP $CODE $(body_snip)"
  fi

  left=0
  for id in "${CREATED_P2_IMAGES[@]}"; do
    u2 DELETE "$OIM_GLANCE_URL/v2/images/$id"
    u2 GET "$OIM_GLANCE_URL/v2/images/$id"
    [ "$CODE" = 404 ] || left=$((left + 1))
  done
  [ "$left" = 0 ] && pass "glance: deleted the ${#CREATED_P2_IMAGES[@]} oim-p2 images of the quota check" \
    || fail "glance: $left oim-p2 image(s) of the quota check still there"
  CREATED_P2_IMAGES=()
fi

# ------------------------------------------------------------------ Swift / S3
req GET "$OIM_S3_ENDPOINT/healthcheck"
if [ "$CODE" = 200 ] && [ "$(cat "$TMP/body")" = OK ]; then pass "swift: GET /healthcheck"; else fail "swift: GET /healthcheck: HTTP $CODE"; fi

req GET "$OIM_S3_ENDPOINT/auth/v1.0" -H "X-Auth-User: $OIM_S3_ACCESS_KEY" -H "X-Auth-Key: $OIM_S3_SECRET_KEY"
STOK=$(header X-Auth-Token); SURL=$(header X-Storage-Url)
if [ "$CODE" = 200 ] && [ -n "$STOK" ]; then
  pass "swift: tempauth token for $OIM_S3_ACCESS_KEY ($SURL)"
  req HEAD "$SURL/$OIM_S3_BUCKET" -H "X-Auth-Token: $STOK"
  [ "$CODE" = 204 ] && pass "swift: bucket $OIM_S3_BUCKET exists" || fail "swift: HEAD bucket $OIM_S3_BUCKET: HTTP $CODE"
else
  fail "swift: tempauth: HTTP $CODE"
fi

# One S3 round trip (SigV4 signed with Python's standard library: curl's --aws-sigv4 cannot
# take an access key that contains ':').
if s3out=$("$PY" - "$OIM_S3_ENDPOINT" "$OIM_S3_ACCESS_KEY" "$OIM_S3_SECRET_KEY" "$OIM_S3_BUCKET" 2>&1 <<'PYEOF'
import datetime, hashlib, hmac, sys, urllib.parse, urllib.request
endpoint, ak, sk, bucket = sys.argv[1:5]
host = urllib.parse.urlparse(endpoint).netloc
opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
def s3(method, key, body=b""):
    now = datetime.datetime.utcnow()
    amzdate, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    path = "/" + bucket + ("/" + urllib.parse.quote(key) if key else "")
    query = "" if key else "list-type=2"
    ph = hashlib.sha256(body).hexdigest()
    hdrs = {"host": host, "x-amz-content-sha256": ph, "x-amz-date": amzdate}
    signed = ";".join(sorted(hdrs))
    creq = "\n".join([method, path, query] + [f"{k}:{hdrs[k]}" for k in sorted(hdrs)] + ["", signed, ph])
    scope = f"{day}/us-east-1/s3/aws4_request"
    sts = "\n".join(["AWS4-HMAC-SHA256", amzdate, scope, hashlib.sha256(creq.encode()).hexdigest()])
    k = ("AWS4" + sk).encode()
    for part in (day, "us-east-1", "s3", "aws4_request"):
        k = hmac.new(k, part.encode(), hashlib.sha256).digest()
    sig = hmac.new(k, sts.encode(), hashlib.sha256).hexdigest()
    hdrs["authorization"] = f"AWS4-HMAC-SHA256 Credential={ak}/{scope}, SignedHeaders={signed}, Signature={sig}"
    r = urllib.request.Request(endpoint + path + ("?" + query if query else ""), data=body if method == "PUT" else None, method=method, headers=hdrs)
    with opener.open(r, timeout=30) as resp:
        return resp.status, resp.read()
data = b"oim smoke " * 1000
st, _ = s3("PUT", "smoke/object.bin", data); assert st == 200, st
st, got = s3("GET", "smoke/object.bin"); assert st == 200 and got == data, st
st, listing = s3("GET", ""); assert st == 200 and b"smoke/object.bin" in listing, listing[:300]
st, _ = s3("DELETE", "smoke/object.bin"); assert st == 204, st
print("ok")
PYEOF
); then
  pass "s3: SigV4 PUT/GET/ListObjectsV2/DELETE on bucket $OIM_S3_BUCKET"
else
  fail "s3: SigV4 round trip: $(echo "$s3out" | tail -n 3 | tr '\n' ' ')"
fi

t=$(( $(now_ms) - T0 ))
echo "[testcloud] smoke took $((t / 1000)).$(((t % 1000) / 100)) s"
echo "smoke: $PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
