#!/usr/bin/env python3
"""Writes upstream/: faithful copies of the formats the catalog updater reads (directory listings as
Apache and nginx render them, GNU and BSD checksum manifests, a PGP-signed CHECKSUM, GitHub's release
JSON, endoflife.date JSON), including broken answers. Image files are not stored: the test servers
serve the bytes b"image:" + <URL path> (e.g. image:/ubuntu/noble/20261203/noble-server-cloudimg-amd64.img) for
any path that is not a file here, and the manifests carry the digests of those bytes."""
import hashlib, json, os

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "upstream")

def image(path): return b"image:" + path.encode()
def sha256(name): return hashlib.sha256(image(name)).hexdigest()
def sha512(name): return hashlib.sha512(image(name)).hexdigest()

def write(path, text):
    full = os.path.join(root, path)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", newline="\n") as f:
        f.write(text)

def apache(title, entries):
    rows = "\n".join(f'<tr><td valign="top"><img src="/icons/folder.gif" alt="[DIR]"></td><td><a href="{e}">{e}</a></td><td align="right">2026-12-03 09:12  </td><td align="right">  - </td><td>&nbsp;</td></tr>' for e in entries)
    return f"""<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 3.2 Final//EN">
<html>
 <head>
  <title>Index of {title}</title>
 </head>
 <body>
<h1>Index of {title}</h1>
  <table>
   <tr><th valign="top"><img src="/icons/blank.gif" alt="[ICO]"></th><th><a href="?C=N;O=D">Name</a></th><th><a href="?C=M;O=A">Last modified</a></th><th><a href="?C=S;O=A">Size</a></th><th><a href="?C=D;O=A">Description</a></th></tr>
   <tr><th colspan="5"><hr></th></tr>
<tr><td valign="top"><img src="/icons/back.gif" alt="[PARENTDIR]"></td><td><a href="/">Parent Directory</a></td><td>&nbsp;</td><td align="right">  - </td><td>&nbsp;</td></tr>
{rows}
   <tr><th colspan="5"><hr></th></tr>
</table>
<address>Apache/2.4.52 (Ubuntu) Server at cloud-images.ubuntu.com Port 443</address>
</body></html>
"""

def nginx(title, entries):
    rows = "\n".join(f'<a href="{e}">{e}</a>{" " * max(1, 51 - len(e))}17-Jul-2026 21:04                   -' for e in entries)
    return f"""<html>
<head><title>Index of {title}</title></head>
<body>
<h1>Index of {title}</h1><hr><pre><a href="../">../</a>
{rows}
</pre><hr></body>
</html>
"""

# Ubuntu 24.04 (noble) and the new LTS 26.04 (resolute): Apache listings, SHA256SUMS in GNU binary mode.
for codename, folders in {"noble": ["20260108", "20261120", "20261203"], "resolute": ["20261201"]}.items():
    write(f"ubuntu/{codename}/index.html", apache(f"/{codename}", [f + "/" for f in folders] + ["current/"]))
    for folder in folders:
        names = [f"{codename}-server-cloudimg-amd64.img", f"{codename}-server-cloudimg-arm64.img", f"{codename}-server-cloudimg-amd64.manifest"]
        write(f"ubuntu/{codename}/{folder}/SHA256SUMS", "".join(f"{sha256('/ubuntu/' + codename + '/' + folder + '/' + n)} *{n}\n" for n in names))
# Ubuntu minimal: release-<date> folders.
write("ubuntu/minimal/releases/noble/index.html", apache("/minimal/releases/noble", ["release-20260105/", "release-20261202/", "release/"]))
for folder in ["release-20260105", "release-20261202"]:
    n = "ubuntu-24.04-minimal-cloudimg-amd64.img"
    write(f"ubuntu/minimal/releases/noble/{folder}/SHA256SUMS", f"{sha256(f'/ubuntu/minimal/releases/noble/{folder}/{n}')} *{n}\n")

# Debian 12 and 13 daily builds: nginx listings, build-suffixed folders and files, SHA512SUMS.
for codename, major, folders in [("bookworm", "12", ["20260108-2351", "20261130-2542", "20261130-2601"]), ("trixie", "13", ["20261130-2542"])]:
    base = f"debian/{codename}/daily"
    write(f"{base}/index.html", nginx(f"/cdimage/cloud/{codename}/daily/", [f + "/" for f in folders] + ["latest/"]))
    for folder in folders:
        names = [f"debian-{major}-genericcloud-amd64-daily-{folder}.qcow2", f"debian-{major}-genericcloud-amd64-daily-{folder}.json", f"debian-{major}-nocloud-amd64-daily-{folder}.qcow2"]
        write(f"{base}/{folder}/SHA512SUMS", "".join(f"{sha512('/' + base + '/' + folder + '/' + n)}  {n}\n" for n in names))

# AlmaLinux 10: GNU CHECKSUM with comments; the latest pointer and its dated file share a digest.
alma = "AlmaLinux-10-GenericCloud-10.1-20261125.0.x86_64.qcow2"
alma_path = "/almalinux/10/cloud/x86_64/images/" + alma
write("almalinux/10/cloud/x86_64/images/CHECKSUM",
      f"# AlmaLinux-10-GenericCloud-10.1-20261125.0.x86_64.qcow2: 471269376 bytes\n{sha256(alma_path)}  {alma}\n"
      f"# AlmaLinux-10-GenericCloud-latest.x86_64.qcow2: 471269376 bytes\n{sha256(alma_path)}  AlmaLinux-10-GenericCloud-latest.x86_64.qcow2\n"
      f"{sha256('x')}  AlmaLinux-10-GenericCloud-UEFI-latest.x86_64.qcow2\n")

# Rocky 10: a per-file BSD CHECKSUM that names only the dated file.
rocky = "Rocky-10-GenericCloud-Base-10.1-20261120.0.x86_64.qcow2"
write("rocky/10/images/x86_64/Rocky-10-GenericCloud-Base.latest.x86_64.qcow2.CHECKSUM", f"# {rocky}: 602931200 bytes\nSHA256 ({rocky}) = {sha256('/rocky/10/images/x86_64/' + rocky)}\n")

# CentOS Stream 10: PGP-signed BSD CHECKSUM; HEREBE pattern picks the highest build.
builds = ["CentOS-Stream-GenericCloud-10-20261020.0.x86_64.qcow2", "CentOS-Stream-GenericCloud-10-20261201.0.x86_64.qcow2", "CentOS-Stream-GenericCloud-10-20261117.1.x86_64.qcow2"]
cs = "/centos/10-stream/x86_64/images/"
body = "".join(f"# {b}: 1000 bytes\nSHA256 ({b}) = {sha256(cs + b)}\n" for b in builds)
body += f"SHA256 (CentOS-Stream-GenericCloud-10-latest.x86_64.qcow2) = {sha256(cs + builds[1])}\n"
write("centos/10-stream/x86_64/images/CHECKSUM", "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA256\n\n" + body +
      "-----BEGIN PGP SIGNATURE-----\n\niQIzBAEBCAAdFiEEc9bNHXsnsfTNZ0WuIUYAcxvBL3MFAmd0000ACgkQIUYAcxvB\nL3M=\n=abcd\n-----END PGP SIGNATURE-----\n")
# CentOS 7: GNU sha256sum.txt.
c7 = ["CentOS-7-x86_64-GenericCloud-2111.qcow2", "CentOS-7-x86_64-GenericCloud-2211.qcow2", "CentOS-7-x86_64-GenericCloud-2211.qcow2.xz", "CentOS-7-x86_64-GenericCloud.qcow2"]
write("centos/7/images/sha256sum.txt", "".join(f"{sha256('/centos/7/images/' + n)}  {n}\n" for n in c7))

# openSUSE Leap 16.0: a .sha256 next to the image (GNU, one line).
leap = "Leap-16.0-Minimal-VM.x86_64-Cloud.qcow2"
write(f"opensuse/leap/16.0/appliances/{leap}.sha256", f"{sha256('/opensuse/leap/16.0/appliances/' + leap)}  {leap}\n")

# Garden Linux: GitHub's release list (a draft, a pre-release, one with an API digest, one with a .sha256 asset).
def asset(base, name, digest=True):
    a = {"name": name, "browser_download_url": f"{base}/{name}", "content_type": "application/x-xz", "size": 12}
    if digest: a["digest"] = "sha256:" + sha256(base.replace("https://github.com", "/github") + "/" + name)
    return a
dl = "https://github.com/gardenlinux/gardenlinux/releases/download"
releases = [
    {"tag_name": "2017.0", "draft": True, "prerelease": False, "published_at": "2026-12-04T10:00:00Z", "assets": [asset(f"{dl}/2017.0", "openstack-gardener_prod-amd64-2017.0-aaaaaaaa.tar.xz")]},
    {"tag_name": "2016.0-rc1", "draft": False, "prerelease": True, "published_at": "2026-12-03T10:00:00Z", "assets": [asset(f"{dl}/2016.0-rc1", "openstack-gardener_prod-amd64-2016.0-rc1-bbbbbbbb.tar.xz")]},
    {"tag_name": "1877.12", "draft": False, "prerelease": False, "published_at": "2026-12-01T08:30:00Z", "assets": [
        asset(f"{dl}/1877.12", "openstack-gardener_prod-arm64-1877.12-1a2b3c4d.tar.xz"),
        asset(f"{dl}/1877.12", "openstack-gardener_prod-amd64-1877.12-5e6f7a8b.tar.xz")]},
    {"tag_name": "1592.18", "draft": False, "prerelease": False, "published_at": "2026-11-20T08:30:00Z", "assets": [
        asset(f"{dl}/1592.18", "openstack-gardener_prod-amd64-1592.18-0c1d2e3f.tar.xz", digest=False),
        {"name": "openstack-gardener_prod-amd64-1592.18-0c1d2e3f.tar.xz.sha256", "browser_download_url": f"{dl}/1592.18/openstack-gardener_prod-amd64-1592.18-0c1d2e3f.tar.xz.sha256"}]},
]
write("github/repos/gardenlinux/gardenlinux/releases.json", json.dumps(releases, indent=2) + "\n")
n = "openstack-gardener_prod-amd64-1592.18-0c1d2e3f.tar.xz"
write(f"github/gardenlinux/gardenlinux/releases/download/1592.18/{n}.sha256", f"{sha256('/github/gardenlinux/gardenlinux/releases/download/1592.18/' + n)}  {n}\n")

# Broken answers.
write("broken/error-page.html", "<!DOCTYPE html>\n<html><head><title>503 Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>\n")
write("broken/empty-listing/index.html", apache("/empty", ["current/", "daily/"]))
write("broken/other-files/SHA256SUMS", f"{sha256('a')} *some-other-file.img\n")

# endoflife.date /api/<product>.json as of December 2026.
eol = {
    "ubuntu": [
        {"cycle": "26.04", "codename": "Resolute Raccoon", "lts": True, "releaseDate": "2026-04-23", "eol": "2031-05-29", "extendedSupport": "2038-04-23", "latest": "26.04.1"},
        {"cycle": "25.10", "codename": "Questing Quokka", "lts": False, "releaseDate": "2025-10-09", "eol": "2026-07-09", "extendedSupport": False, "latest": "25.10"},
        {"cycle": "24.04", "codename": "Noble Numbat", "lts": True, "releaseDate": "2024-04-25", "eol": "2029-05-31", "extendedSupport": "2036-04-25", "latest": "24.04.3"},
        {"cycle": "22.04", "codename": "Jammy Jellyfish", "lts": True, "releaseDate": "2022-04-21", "eol": "2027-06-01", "extendedSupport": "2032-04-09", "latest": "22.04.5"},
        {"cycle": "20.04", "codename": "Focal Fossa", "lts": True, "releaseDate": "2020-04-23", "eol": "2025-05-29", "extendedSupport": "2030-04-23", "latest": "20.04.6"}],
    "debian": [
        {"cycle": "13", "codename": "Trixie", "releaseDate": "2025-08-09", "eol": "2028-08-09", "extendedSupport": "2030-06-30", "latest": "13.2"},
        {"cycle": "12", "codename": "Bookworm", "releaseDate": "2023-06-10", "eol": "2026-06-10", "extendedSupport": "2028-06-30", "latest": "12.12"},
        {"cycle": "11", "codename": "Bullseye", "releaseDate": "2021-08-14", "eol": "2024-08-14", "extendedSupport": "2026-08-31", "latest": "11.11"},
        {"cycle": "10", "codename": "Buster", "releaseDate": "2019-07-06", "eol": "2022-09-10", "extendedSupport": "2024-06-30", "latest": "10.13"}],
    "almalinux": [
        {"cycle": "10", "releaseDate": "2025-05-27", "eol": "2035-05-31", "latest": "10.1"},
        {"cycle": "9", "releaseDate": "2022-05-26", "eol": "2032-05-31", "latest": "9.7"},
        {"cycle": "8", "releaseDate": "2021-03-30", "eol": "2029-03-01", "latest": "8.10"}],
    "rocky-linux": [
        {"cycle": "10", "releaseDate": "2025-06-11", "eol": "2035-05-31", "latest": "10.1"},
        {"cycle": "9", "releaseDate": "2022-07-14", "eol": "2032-05-31", "latest": "9.7"},
        {"cycle": "8", "releaseDate": "2021-06-21", "eol": "2029-05-31", "latest": "8.10"}],
    "centos-stream": [
        {"cycle": "10", "releaseDate": "2024-12-12", "eol": "2030-01-01", "latest": "10"},
        {"cycle": "9", "releaseDate": "2021-12-03", "eol": "2027-05-31", "latest": "9"},
        {"cycle": "8", "releaseDate": "2019-09-24", "eol": "2024-05-31", "latest": "8"}],
    "opensuse": [
        {"cycle": "16.0", "releaseDate": "2025-10-01", "eol": "2027-10-31", "latest": "16.0"},
        {"cycle": "15.6", "releaseDate": "2024-06-12", "eol": "2026-04-30", "latest": "15.6"},
        {"cycle": "15.5", "releaseDate": "2023-06-07", "eol": True, "latest": "15.5"}],
}
for product, cycles in eol.items():
    write(f"endoflife/api/{product}.json", json.dumps(cycles, indent=2) + "\n")
