#!/usr/bin/env python3
"""The demo's view of its Glance project, straight from the APIs (not through the tool it shows).

    demo_project.py reset  deletes every image the project owns (the demo starts clean)
    demo_project.py show   prints the project's images: name, status, visibility and properties

Credentials come from the cloud OIM_DEMO_CLOUD (default oim-demo) of the clouds.yaml in
OS_CLIENT_CONFIG_FILE. Only the project oim-demo is ever touched: any other is refused.
"""

import json
import os
import sys
import urllib.request

import yaml

DEMO_PROJECT = "oim-demo"
SHOWN_PROPERTIES = ("internal_version", "os_version", "image_build_date", "oim_retired")


def request(method, url, token=None, body=None, content_type="application/json"):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method)
    if data is not None:
        req.add_header("Content-Type", content_type)
    if token:
        req.add_header("X-Auth-Token", token)
    # The test cloud listens on 127.0.0.1 only: never through a proxy.
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    with opener.open(req, timeout=60) as response:
        text = response.read()
        return response.headers, (json.loads(text) if text else None)


def connect():
    cloud_name = os.environ.get("OIM_DEMO_CLOUD", DEMO_PROJECT)
    with open(os.environ["OS_CLIENT_CONFIG_FILE"], encoding="utf-8") as handle:
        auth = yaml.safe_load(handle)["clouds"][cloud_name]["auth"]
    if auth["project_name"] != DEMO_PROJECT:
        sys.exit(f"refusing to touch project {auth['project_name']}: the demo works in {DEMO_PROJECT} only")
    body = {"auth": {
        "identity": {"methods": ["password"], "password": {"user": {
            "name": auth["username"], "password": auth["password"],
            "domain": {"name": auth.get("user_domain_name", "Default")}}}},
        "scope": {"project": {"name": auth["project_name"],
                              "domain": {"name": auth.get("project_domain_name", "Default")}}}}}
    headers, token = request("POST", auth["auth_url"].rstrip("/") + "/auth/tokens", body=body)
    project_id = token["token"]["project"]["id"]
    glance = next(endpoint["url"] for service in token["token"]["catalog"] if service["type"] == "image"
                  for endpoint in service["endpoints"] if endpoint["interface"] == "public")
    return headers["X-Subject-Token"], project_id, glance.rstrip("/")


def project_images(token, project_id, glance):
    """Every image the project owns, os_hidden ones included (Glance lists those only when asked)."""
    images = {}
    for hidden in ("false", "true"):
        url = f"{glance}/v2/images?owner={project_id}&os_hidden={hidden}&limit=100"
        while url:
            _, page = request("GET", url, token)
            images.update((image["id"], image) for image in page["images"])
            url = glance + page["next"] if page.get("next") else None
    return sorted(images.values(), key=lambda image: image["name"] or "")


def reset(token, project_id, glance):
    for image in project_images(token, project_id, glance):
        if image.get("protected"):
            request("PATCH", f"{glance}/v2/images/{image['id']}", token,
                    [{"op": "replace", "path": "/protected", "value": False}],
                    "application/openstack-images-v2.1-json-patch")
        request("DELETE", f"{glance}/v2/images/{image['id']}", token)
        print(f"  deleted {image['name']!r} ({image['id']})")


def show(token, project_id, glance):
    images = project_images(token, project_id, glance)
    columns = ("name", "status", "visibility", "os_hidden", "disk_format") + SHOWN_PROPERTIES
    rows = [[str(image.get(column, "")) for column in columns] for image in images]
    widths = [max(len(text) for text in column) for column in zip(columns, *rows)]
    for row in [list(columns), *rows]:
        print("  " + "  ".join(text.ljust(width) for text, width in zip(row, widths)).rstrip())
    print(f"  ({len(images)} image(s) in project {DEMO_PROJECT})")


def main():
    commands = {"reset": reset, "show": show}
    if len(sys.argv) != 2 or sys.argv[1] not in commands:
        sys.exit(f"usage: {sys.argv[0]} {'|'.join(commands)}")
    commands[sys.argv[1]](*connect())


if __name__ == "__main__":
    main()
