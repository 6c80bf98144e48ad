#!/usr/bin/python3
"""Idempotent Keystone provisioning of the local test cloud (stdlib only).

Creates, only if missing: project `service`, the `glance` service user (admin on
`service`, reader on system scope), the image service with its public/internal/admin
endpoints, projects oim-p1 .. oim-p5 and oim-demo with their users (member + reader), and the
unified limits of service glance in the region (registered limits and project limits; an
existing limit with another value is updated). Writes the id of the public image endpoint
(the `[oslo_limit] endpoint_id` of glance-limits) to TC_ENDPOINT_ID_FILE.
Configuration comes from environment variables set by start.sh.
"""
import json
import os
import sys
import time
import urllib.error
import urllib.request

KS = os.environ["TC_KEYSTONE_URL"].rstrip("/")          # http://127.0.0.1:5000/v3
REGION = os.environ["TC_REGION"]
GLANCE_URL = os.environ["TC_GLANCE_URL"]
ADMIN_PASSWORD = os.environ["TC_ADMIN_PASSWORD"]
GLANCE_PASSWORD = os.environ["TC_GLANCE_SERVICE_PASSWORD"]
USERS = [  # (project, user, password)
    ("oim-p1", "oim-u1", os.environ["TC_U1_PASSWORD"]),
    ("oim-p2", "oim-u2", os.environ["TC_U2_PASSWORD"]),
    ("oim-p3", "oim-u3", os.environ["TC_U3_PASSWORD"]),
    ("oim-p4", "oim-u4", os.environ["TC_U4_PASSWORD"]),
    ("oim-p5", "oim-u5", os.environ["TC_U5_PASSWORD"]),
    ("oim-demo", "oim-demo", os.environ["TC_DEMO_PASSWORD"]),
]
# "name=value ..." (registered limits) and "project:name=value ..." (project limits).
REGISTERED_LIMITS = [kv.split("=", 1) for kv in os.environ["TC_REGISTERED_LIMITS"].split()]
PROJECT_LIMITS = [(pkv.split(":", 1)[0], *pkv.split(":", 1)[1].split("=", 1))
                  for pkv in os.environ["TC_PROJECT_LIMITS"].split()]
ENDPOINT_ID_FILE = os.environ["TC_ENDPOINT_ID_FILE"]

opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
TOKEN = None


def call(method, path, body=None, expect=(200, 201, 204), token=True):
    url = path if path.startswith("http") else KS + path
    data = json.dumps(body).encode() if body is not None else None
    req = urllib.request.Request(url, data=data, method=method)
    req.add_header("Accept", "application/json")
    if data is not None:
        req.add_header("Content-Type", "application/json")
    if token:
        req.add_header("X-Auth-Token", TOKEN)
    for attempt in range(5):
        try:
            with opener.open(req, timeout=30) as resp:
                raw = resp.read()
                return resp.status, (json.loads(raw) if raw else None), resp.headers
        except urllib.error.HTTPError as e:
            raw = e.read()
            if e.code in expect:
                return e.code, (json.loads(raw) if raw else None), e.headers
            if e.code in (500, 502, 503) and attempt < 4:
                time.sleep(0.5)
                continue
            sys.exit(f"[testcloud] ERROR: {method} {url} -> {e.code}: {raw[:500]!r}")
        except (urllib.error.URLError, ConnectionError) as e:
            if attempt < 4:
                time.sleep(0.5)
                continue
            sys.exit(f"[testcloud] ERROR: {method} {url} -> {e}")


def password_auth(user, password, project):
    """A token scoped to `project`, or to the system when project is None."""
    scope = ({"system": {"all": True}} if project is None
             else {"project": {"name": project, "domain": {"id": "default"}}})
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": user, "domain": {"id": "default"}, "password": password}}},
        "scope": scope}}
    status, data, headers = call("POST", "/auth/tokens", body, expect=(201, 401), token=False)
    return headers.get("X-Subject-Token") if status == 201 else None


def find_one(collection, path):
    _, data, _ = call("GET", path)
    items = data[collection]
    return items[0] if items else None


def ensure_project(name, description):
    p = find_one("projects", f"/projects?name={name}&domain_id=default")
    if p:
        return p["id"]
    _, data, _ = call("POST", "/projects", {"project": {
        "name": name, "domain_id": "default", "description": description, "enabled": True}})
    print(f"[testcloud]   created project {name}")
    return data["project"]["id"]


def ensure_user(name, password, project_id):
    u = find_one("users", f"/users?name={name}&domain_id=default")
    if u:
        return u["id"], False
    _, data, _ = call("POST", "/users", {"user": {
        "name": name, "domain_id": "default", "password": password,
        "default_project_id": project_id, "enabled": True}})
    print(f"[testcloud]   created user {name}")
    return data["user"]["id"], True


def ensure_role(name):
    r = find_one("roles", f"/roles?name={name}")
    if r:
        return r["id"]
    _, data, _ = call("POST", "/roles", {"role": {"name": name}})
    print(f"[testcloud]   created role {name}")
    return data["role"]["id"]


def grant(project_id, user_id, role_id):
    # PUT is idempotent (204 whether or not the assignment existed).
    call("PUT", f"/projects/{project_id}/users/{user_id}/roles/{role_id}")


def ensure_limits(service_id, project_ids):
    """Registered and project limits of the image service (needs a system-scoped token)."""
    for name, value in REGISTERED_LIMITS:
        value = int(value)
        have = find_one("registered_limits", f"/registered_limits?service_id={service_id}"
                        f"&region_id={REGION}&resource_name={name}")
        if have and have["default_limit"] == value:
            continue
        if have:
            call("PATCH", f"/registered_limits/{have['id']}",
                 {"registered_limit": {"default_limit": value}})
        else:
            call("POST", "/registered_limits", {"registered_limits": [{
                "service_id": service_id, "region_id": REGION,
                "resource_name": name, "default_limit": value}]})
        print(f"[testcloud]   registered limit {name} = {value}")
    for project, name, value in PROJECT_LIMITS:
        value, pid = int(value), project_ids[project]
        have = find_one("limits", f"/limits?service_id={service_id}&region_id={REGION}"
                        f"&resource_name={name}&project_id={pid}")
        if have and have["resource_limit"] == value:
            continue
        if have:
            call("PATCH", f"/limits/{have['id']}", {"limit": {"resource_limit": value}})
        else:
            call("POST", "/limits", {"limits": [{
                "service_id": service_id, "region_id": REGION, "project_id": pid,
                "resource_name": name, "resource_limit": value}]})
        print(f"[testcloud]   limit {name} = {value} for project {project}")


def main():
    global TOKEN
    TOKEN = password_auth("admin", ADMIN_PASSWORD, "admin")
    if not TOKEN:
        sys.exit("[testcloud] ERROR: admin authentication failed")

    roles = {n: ensure_role(n) for n in ("admin", "member", "reader")}

    service_pid = ensure_project("service", "OpenStack services")
    glance_uid, _ = ensure_user("glance", GLANCE_PASSWORD, service_pid)
    grant(service_pid, glance_uid, roles["admin"])
    call("PUT", f"/system/users/{glance_uid}/roles/{roles['reader']}")
    if not password_auth("glance", GLANCE_PASSWORD, "service"):
        call("PATCH", f"/users/{glance_uid}", {"user": {"password": GLANCE_PASSWORD}})
        print("[testcloud]   reset password of user glance")

    svc = find_one("services", "/services?type=image")
    if svc:
        svc_id = svc["id"]
    else:
        _, data, _ = call("POST", "/services", {"service": {
            "type": "image", "name": "glance", "description": "OpenStack Image", "enabled": True}})
        svc_id = data["service"]["id"]
        print("[testcloud]   created service glance (image)")
    _, data, _ = call("GET", f"/endpoints?service_id={svc_id}")
    have = {(e["interface"], e.get("region_id")): e for e in data["endpoints"]}
    for iface in ("public", "internal", "admin"):
        e = have.get((iface, REGION))
        if e and e["url"] == GLANCE_URL:
            continue
        if e:
            call("PATCH", f"/endpoints/{e['id']}", {"endpoint": {"url": GLANCE_URL}})
        else:
            call("POST", "/endpoints", {"endpoint": {
                "service_id": svc_id, "interface": iface, "region_id": REGION,
                "url": GLANCE_URL, "enabled": True}})
        print(f"[testcloud]   image endpoint {iface} -> {GLANCE_URL}")

    project_ids = {}
    for project, user, password in USERS:
        pid = project_ids[project] = ensure_project(project, "oim test project")
        uid, _ = ensure_user(user, password, pid)
        grant(pid, uid, roles["member"])
        grant(pid, uid, roles["reader"])
        if not password_auth(user, password, project):
            call("PATCH", f"/users/{uid}", {"user": {"password": password}})
            print(f"[testcloud]   reset password of user {user}")
            if not password_auth(user, password, project):
                sys.exit(f"[testcloud] ERROR: {user} cannot authenticate on {project}")

    # Limits are system-wide data: Keystone wants a system-scoped admin token (bootstrap gave
    # admin the admin role on the system).
    TOKEN = password_auth("admin", ADMIN_PASSWORD, None)
    if not TOKEN:
        sys.exit("[testcloud] ERROR: admin cannot get a system-scoped token")
    ensure_limits(svc_id, project_ids)

    _, data, _ = call("GET", f"/endpoints?service_id={svc_id}&interface=public&region_id={REGION}")
    public = [e for e in data["endpoints"] if e["interface"] == "public" and e.get("region_id") == REGION]
    if len(public) != 1:
        sys.exit(f"[testcloud] ERROR: expected one public image endpoint, found {len(public)}")
    tmp = ENDPOINT_ID_FILE + ".tmp"
    with open(tmp, "w") as f:
        f.write(public[0]["id"] + "\n")
    os.replace(tmp, ENDPOINT_ID_FILE)


if __name__ == "__main__":
    main()
