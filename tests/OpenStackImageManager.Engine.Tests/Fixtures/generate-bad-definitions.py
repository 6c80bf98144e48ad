# Run: python3 generate-bad-definitions.py  (rewrites bad-definitions/*.yml)
# Generates the bad-definition corpus: one valid base file with exactly one fault each. The expected
# position is computed from where the fault was put, not from the loader's output.
import os, re, sys
out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "bad-definitions")
SHA = "5" * 64
BASE = f"""---
images:
  - name: Testix 1
    enable: true
    shortname: testix-1
    format: qcow2
    login: testix
    password: secret
    min_disk: 8
    min_ram: 512
    status: active
    visibility: public
    multi: true
    meta:
      architecture: x86_64
      hw_disk_bus: scsi
      hw_rng_model: virtio
      hypervisor_type: qemu
      os_distro: ubuntu
      os_version: '24.04'
      os_purpose: generic
      replace_frequency: quarterly
      uuid_validity: last-3
      provided_until: none
    tags: []
    latest_checksum_url: https://example.com/SHA256SUMS
    latest_url: https://example.com/current/testix.img
    versions:
      - version: '20240603'
        url: https://example.com/20240603/testix.img
        mirror_url: https://mirror.example.com/testix/20240603.qcow2
        checksum: sha256:{SHA}
        build_date: 2024-06-03
""".splitlines()

def replace(old, new):
    def f(lines):
        hits = [i for i, l in enumerate(lines) if l == old]
        assert len(hits) == 1, (old, hits)
        lines[hits[0]:hits[0] + 1] = new.split("\n") if new is not None else []
        return lines
    return f

def remove(old): return replace(old, None)

def after(old, new):
    def f(lines):
        i = lines.index(old)
        lines[i + 1:i + 1] = new.split("\n")
        return lines
    return f

def at(line_text, token):
    """Expected position: the line that is exactly line_text, column of token in it."""
    return (line_text, token)

cases = []
def case(slug, edit, where, message, key=None):
    cases.append((slug, edit, where, message))

M = "    meta:"
case("yaml-colon-in-plain-value", replace("    min_ram: 512", "    min_ram: 512: 1024"), at("    min_ram: 512: 1024", ": 1024"),
     "YAML syntax: ': ' inside an unquoted value; quote the value if the colon belongs to it")
case("tab-indentation", replace("    login: testix", "\tlogin: testix"), at("\tlogin: testix", "\t"),
     "tab character in indentation; YAML allows only spaces there")
case("duplicate-key", after("    login: testix", "    login: root"), at("    login: root", "login"),
     "duplicate key 'login' (first defined at line 8); a key may appear once per mapping")
case("duplicate-meta-key", after("      os_distro: ubuntu", "      os_distro: debian"), at("      os_distro: debian", "os_distro"),
     "duplicate key 'os_distro' (first defined at line 20); a key may appear once per mapping")
case("unknown-alias", replace("    tags: []", "    tags: *common_tags"), at("    tags: *common_tags", "*"),
     "alias '*common_tags' refers to no anchor defined before it")
case("second-document", lambda l: l + ["---", "images: []"], at("---@2", "-"),
     "a second YAML document; a definition file holds exactly one (remove the extra '---')")
case("root-is-list", lambda l: ["---", "- name: Testix 1"], at("- name: Testix 1", "-"),
     "the document must be a mapping with the key 'images', found a list")
case("root-unknown-key", lambda l: l + ["defaults:", "  login: root"], at("defaults:", "defaults"),
     "unknown key 'defaults' in the document; expected one of: images")
case("root-missing-images", lambda l: ["---", "{}"], at("{}", "{"),
     "the document is missing the required key 'images'")
case("images-empty", lambda l: ["---", "images: []"], at("images: []", "["),
     "'images' must be a list with at least one image definition, found an empty list")
case("images-not-list", lambda l: ["---", "images: ubuntu"], at("images: ubuntu", "ubuntu"),
     "'images' must be a list with at least one image definition, found 'ubuntu'")
case("image-not-mapping", lambda l: ["---", "images:", "  - Testix 1"], at("  - Testix 1", "Testix"),
     "an image definition must be a mapping with keys name, format, meta, versions, ...; found a string")
case("unknown-image-key", after("    login: testix", "    hypervisor: qemu"), at("    hypervisor: qemu", "hypervisor"),
     "unknown key 'hypervisor' in an image definition; expected one of: name, enable, format, login, password, min_disk, min_ram, multi, keep, status, visibility, separator, shortname, latest_url, latest_checksum_url, meta, tags, versions")
case("missing-name", lambda l: replace("  - name: Testix 1", "  - enable: true")(remove("    enable: true")(l)), at("  - enable: true", "enable"),
     "this image definition is missing the required key 'name'")
case("empty-name", replace("  - name: Testix 1", "  - name: ''"), at("  - name: ''", "''"), "'name' must not be empty")
case("name-is-number", replace("  - name: Testix 1", "  - name: 2024"), at("  - name: 2024", "2024"),
     "'name' must be a string, found an integer; quote it: '2024'")
case("missing-format", remove("    format: qcow2"), at("  - name: Testix 1", "name"),
     "image 'Testix 1' is missing the required key 'format'")
case("bad-format", replace("    format: qcow2", "    format: qcow"), at("    format: qcow", "qcow"),
     "'format' must be one of aki, ari, ami, raw, iso, vhd, vdi, qcow2, vmdk; found 'qcow'")
case("enable-not-bool", replace("    enable: true", "    enable: maybe"), at("    enable: maybe", "maybe"),
     "'enable' must be true or false, found 'maybe'")
case("enable-quoted", replace("    enable: true", "    enable: 'true'"), at("    enable: 'true'", "'true'"),
     "'enable' must be true or false, found 'true' (a quoted string; remove the quotes)")
case("missing-login", remove("    login: testix"), at("  - name: Testix 1", "name"),
     "image 'Testix 1' is missing the required key 'login'")
case("min-disk-negative", replace("    min_disk: 8", "    min_disk: -1"), at("    min_disk: -1", "-1"),
     "'min_disk' must be 0 or more, found -1")
case("min-disk-unit", replace("    min_disk: 8", "    min_disk: 8GB"), at("    min_disk: 8GB", "8GB"),
     "'min_disk' must be a whole number (0 or more), found '8GB'")
case("min-ram-float", replace("    min_ram: 512", "    min_ram: 0.5"), at("    min_ram: 0.5", "0.5"),
     "'min_ram' must be a whole number (0 or more), found '0.5'")
case("missing-multi", remove("    multi: true"), at("  - name: Testix 1", "name"),
     "image 'Testix 1' is missing the required key 'multi'")
case("bad-status", replace("    status: active", "    status: enabled"), at("    status: enabled", "enabled"),
     "'status' must be one of active, deactivated; found 'enabled'")
case("bad-visibility", replace("    visibility: public", "    visibility: everyone"), at("    visibility: everyone", "everyone"),
     "'visibility' must be one of public, private, community, shared; found 'everyone'")
case("keep-not-bool", after("    multi: true", "    keep: always"), at("    keep: always", "always"),
     "'keep' must be true or false, found 'always'")
case("bad-latest-url", replace("    latest_url: https://example.com/current/testix.img", "    latest_url: example.com/current/testix.img"),
     at("    latest_url: example.com/current/testix.img", "example"),
     "'latest_url' must be an http(s) URL (the tool reads no other scheme); found 'example.com/current/testix.img'")
case("bad-latest-checksum-url", replace("    latest_checksum_url: https://example.com/SHA256SUMS", "    latest_checksum_url: ftp://example.com/SHA256SUMS"),
     at("    latest_checksum_url: ftp://example.com/SHA256SUMS", "ftp"),
     "'latest_checksum_url' must be an http(s) URL; found 'ftp://example.com/SHA256SUMS'")
case("missing-meta", lambda l: l[:l.index(M)] + l[l.index("    tags: []"):], at("  - name: Testix 1", "name"),
     "image 'Testix 1' is missing the required key 'meta'")
case("meta-not-mapping", lambda l: l[:l.index(M)] + ["    meta: generic"] + l[l.index("    tags: []"):], at("    meta: generic", "generic"),
     "'meta' must be a mapping of property names to values, found a string")
case("meta-missing-architecture", remove("      architecture: x86_64"), at("      hw_disk_bus: scsi", "hw_disk_bus"),
     "'meta' is missing the required key 'architecture'")
case("meta-bad-architecture", replace("      architecture: x86_64", "      architecture: amd64"), at("      architecture: amd64", "amd64"),
     "'architecture' must be one of x86_64, aarch64, risc-v; found 'amd64'")
case("meta-bad-os-distro", replace("      os_distro: ubuntu", "      os_distro: Ubuntu"), at("      os_distro: Ubuntu", "Ubuntu"),
     "'os_distro' must be one of arch, centos, cirros, debian, fedora, freebsd, gentoo, mandrake, mandriva, mes, msdos, netbsd, netware, openbsd, opensolaris, opensuse, rhel, rocky, sled, talos, ubuntu, windows; found 'Ubuntu'")
case("meta-bad-hypervisor", replace("      hypervisor_type: qemu", "      hypervisor_type: bhyve"), at("      hypervisor_type: bhyve", "bhyve"),
     "'hypervisor_type' must be one of hyperv, ironic, lxc, qemu, uml, vmware, xen, kvm, hyper-v, esxi; found 'bhyve'")
case("meta-bad-disk-bus", replace("      hw_disk_bus: scsi", "      hw_disk_bus: ide"), at("      hw_disk_bus: ide", "ide"),
     "'hw_disk_bus' must be one of virtio, scsi or null; found 'ide'")
case("meta-bad-uuid-validity", replace("      uuid_validity: last-3", "      uuid_validity: last-x"), at("      uuid_validity: last-x", "last-x"),
     "'uuid_validity' must be none, forever, notice, last-<N> (N ≥ 1) or a date (YYYY-MM-DD); found 'last-x'")
case("meta-bad-provided-until", replace("      provided_until: none", "      provided_until: 2025-02-30"), at("      provided_until: 2025-02-30", "2025"),
     "'provided_until' must be none, notice or a date (YYYY-MM-DD); found '2025-02-30'")
case("meta-bad-replace-frequency", replace("      replace_frequency: quarterly", "      replace_frequency: sometimes"), at("      replace_frequency: sometimes", "sometimes"),
     "'replace_frequency' must be one of yearly, quarterly, monthly, weekly, daily, critical_bug, never; found 'sometimes'")
case("meta-bad-os-purpose", replace("      os_purpose: generic", "      os_purpose: desktop"), at("      os_purpose: desktop", "desktop"),
     "'os_purpose' must be one of generic, oldgeneric, minimal, k8snode, gpu, network, custom; found 'desktop'")
case("meta-os-version-float", replace("      os_version: '24.04'", "      os_version: 24.04"), at("      os_version: 24.04", "24.04"),
     "'os_version' must be a string, found a number; quote it: '24.04'")
case("meta-reserved-os-hash", after("      os_distro: ubuntu", "      os_hash_value: abc"), at("      os_hash_value: abc", "os_hash_value"),
     "'os_hash_value' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it")
case("meta-reserved-os-glance", after("      os_distro: ubuntu", "      os_glance_import_task: x"), at("      os_glance_import_task: x", "os_glance"),
     "'os_glance_import_task' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it")
case("meta-reserved-stores", after("      os_distro: ubuntu", "      stores: ceph"), at("      stores: ceph", "stores"),
     "'stores' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it")
case("meta-value-mapping", after("      os_distro: ubuntu", "      hw_cpu_policy:\n        dedicated: true"), at("        dedicated: true", "dedicated"),
     "property 'hw_cpu_policy' must be a single value (string, number or boolean), found a mapping")
case("meta-multiqueue-not-bool", after("      os_distro: ubuntu", "      hw_vif_multiqueue_enabled: 4"), at("      hw_vif_multiqueue_enabled: 4", "4"),
     "'hw_vif_multiqueue_enabled' must be true or false, found '4'")
case("meta-hotfix-negative", after("      os_distro: ubuntu", "      hotfix_hours: -2"), at("      hotfix_hours: -2", "-2"),
     "'hotfix_hours' must be 0 or more, found -2")
case("tags-not-list", replace("    tags: []", "    tags: managed"), at("    tags: managed", "managed"),
     "'tags' must be a list of strings (use [] for none), found 'managed'")
case("tag-not-string", replace("    tags: []", "    tags: [ok, {a: b}]"), at("    tags: [ok, {a: b}]", "{"),
     "'tags' must be a string, found a mapping")
case("missing-versions", lambda l: l[:l.index("    versions:")], at("  - name: Testix 1", "name"),
     "image 'Testix 1' is missing the required key 'versions'")
case("version-not-mapping", after("    versions:", "      - '20240101'"), at("      - '20240101'", "'"),
     "a version must be a mapping with keys version, url, build_date, ...; found a string")
case("version-missing-url", remove("        url: https://example.com/20240603/testix.img"), at("      - version: '20240603'", "version"),
     "a version is missing the required key 'url'")
case("version-bad-url", replace("        url: https://example.com/20240603/testix.img", "        url: https:/example.com/testix.img"),
     at("        url: https:/example.com/testix.img", "https"),
     "'url' must be an http(s) URL or a file: path (the tool reads no other scheme); found 'https:/example.com/testix.img'")
case("version-bad-mirror-url", replace("        mirror_url: https://mirror.example.com/testix/20240603.qcow2", "        mirror_url: s3://mirror/testix.qcow2"),
     at("        mirror_url: s3://mirror/testix.qcow2", "s3"),
     "'mirror_url' must be an http(s) URL or a file: path (the tool reads no other scheme); found 's3://mirror/testix.qcow2'")
case("version-number", replace("      - version: '20240603'", "      - version: 20240603"), at("      - version: 20240603", "2024"),
     "'version' must be a string, found an integer; quote it: '20240603'")
case("version-missing-build-date", remove("        build_date: 2024-06-03"), at("      - version: '20240603'", "version"),
     "a version is missing the required key 'build_date'")
case("version-bad-build-date", replace("        build_date: 2024-06-03", "        build_date: 2024-13-03"), at("        build_date: 2024-13-03", "2024"),
     "'build_date' must be a date (YYYY-MM-DD) or a timestamp (YYYY-MM-DD hh:mm:ss); found '2024-13-03'")
case("checksum-short", replace(f"        checksum: sha256:{SHA}", "        checksum: sha256:" + "5" * 63), at("        checksum: sha256:" + "5" * 63, "sha256"),
     "'checksum' must be <algorithm>:<hex digest> with 32, 40, 64, 96 or 128 lower-case hex digits (e.g. sha256:…); found 'sha256:" + "5" * 63 + "'")
case("checksum-upper-case", replace(f"        checksum: sha256:{SHA}", "        checksum: sha256:" + "A" * 64), at("        checksum: sha256:" + "A" * 64, "sha256"),
     "'checksum' must be <algorithm>:<hex digest> with 32, 40, 64, 96 or 128 lower-case hex digits (e.g. sha256:…); found 'sha256:" + "A" * 64 + "'")
case("checksum-no-algorithm", replace(f"        checksum: sha256:{SHA}", f"        checksum: {SHA}"), at(f"        checksum: {SHA}", "5"),
     f"'checksum' must be <algorithm>:<hex digest> with 32, 40, 64, 96 or 128 lower-case hex digits (e.g. sha256:…); found '{SHA}'")
case("checksum-algorithm-length", replace(f"        checksum: sha256:{SHA}", "        checksum: sha512:" + SHA), at("        checksum: sha512:" + SHA, "sha512"),
     "a sha512 digest has 128 hex digits; this one has 64")
case("latest-without-checksum-url", replace("      - version: '20240603'", "      - version: latest"), at("      - version: latest", "latest"),
     "version 'latest' needs 'checksums_url' (a manifest) or 'checksum_url' (one digest) to detect new upstream builds")
case("latest-with-both-checksum-urls", lambda l: replace("      - version: '20240603'", "      - version: latest")(l) + [
     "        checksums_url: https://example.com/SHA256SUMS", "        checksum_url: https://example.com/testix.img.sha256"],
     at("        checksum_url: https://example.com/testix.img.sha256", "https"),
     "'checksums_url' and 'checksum_url' exclude each other; keep one")
case("checksums-url-not-http", lambda l: l + ["        checksums_url: file:SHA256SUMS"], at("        checksums_url: file:SHA256SUMS", "file"),
     "'checksums_url' must be an http(s) URL; found 'file:SHA256SUMS'")
case("version-bad-id", lambda l: l + ["        id: 1234"], at("        id: 1234", "1234"),
     "'id' must be a lower-case UUID (8-4-4-4-12 hex digits); found '1234'")
case("version-bad-visibility", lambda l: l + ["        visibility: hidden"], at("        visibility: hidden", "hidden"),
     "'visibility' must be one of public, private, community, shared; found 'hidden'")
case("version-hidden-not-bool", lambda l: l + ["        hidden: sometimes"], at("        hidden: sometimes", "sometimes"),
     "'hidden' must be true or false, found 'sometimes'")
case("version-unknown-key", lambda l: l + ["        sha256: abc"], at("        sha256: abc", "sha256"),
     "unknown key 'sha256' in a version; expected one of: version, url, mirror_url, checksum, checksums_url, checksum_url, build_date, visibility, hidden, os_version, meta, id, source, image_description")
case("duplicate-version", lambda l: l + ["      - version: '20240603'", "        url: https://example.com/again.img", "        build_date: 2024-06-04"],
     at("      - version: '20240603'@2", "'"),
     "version '20240603' is listed twice (first at line 30); each version may appear once")
case("version-meta-reserved", lambda l: l + ["        meta:", "          owner_specified.openstack.md5: ''"],
     at("          owner_specified.openstack.md5: ''", "owner"),
     "'owner_specified.openstack.md5' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it")
case("glance-name-collision", lambda l: l + [x.replace("Testix 1", "Testix").replace("multi: true", "multi: false").replace("'20240603'", "'1'")
     for x in l[2:]], at("      - version: '1'", "'"),
     "version '1' would be named 'Testix 1' in Glance, which is also an image of 'Testix 1' ({file}:4:11); Glance names must be unique")

# Text that reaches Glance or a console: control characters, bidirectional overrides, edge whitespace.
HOSTILE = "control characters and bidirectional overrides are not allowed in text that reaches Glance or a console"
case("name-newline", replace("  - name: Testix 1", r'  - name: "Testix\n1"'), at(r'  - name: "Testix\n1"', '"'),
     f"'name' contains U+000A (newline) at character 7; {HOSTILE}")
case("name-osc-escape", replace("  - name: Testix 1", r'  - name: "Testix \e]0;owned\a1"'), at(r'  - name: "Testix \e]0;owned\a1"', '"'),
     f"'name' contains U+001B (escape) at character 8; {HOSTILE}")
case("name-rtl-override", replace("  - name: Testix 1", r'  - name: "Testix \u202E1"'), at(r'  - name: "Testix \u202E1"', '"'),
     f"'name' contains U+202E (right-to-left override) at character 8; {HOSTILE}")
case("name-trailing-space", replace("  - name: Testix 1", "  - name: 'Testix 1 '"), at("  - name: 'Testix 1 '", "'"),
     "'name' has leading or trailing whitespace ('Testix 1 '); remove it")
case("name-too-long", replace("  - name: Testix 1", "  - name: " + "T" * 256), at("  - name: " + "T" * 256, "T"),
     "'name' is 256 characters long; Glance names have at most 255")
case("rotated-name-too-long", replace("  - name: Testix 1", "  - name: " + "T" * 250), at("      - version: '20240603'", "'"),
     "version '20240603' would be named '" + "T" * 40 + "...' (261 characters) in Glance, which allows at most 255; shorten the name, separator or version")
case("version-nul", replace("      - version: '20240603'", r'      - version: "20240603\0"'), at(r'      - version: "20240603\0"', '"'),
     f"'version' contains U+0000 (NUL) at character 9; {HOSTILE}")
case("version-c1-control", replace("      - version: '20240603'", r'      - version: "20240603\x9b"'), at(r'      - version: "20240603\x9b"', '"'),
     f"'version' contains U+009B (control character) at character 9; {HOSTILE}")
case("separator-newline", after("    multi: true", r'    separator: "\n"'), at(r'    separator: "\n"', '"'),
     f"'separator' contains U+000A (newline) at character 1; {HOSTILE}")
case("login-delete", replace("    login: testix", r'    login: "testix\x7f"'), at(r'    login: "testix\x7f"', '"'),
     f"'login' contains U+007F (delete) at character 7; {HOSTILE}")
case("url-with-space", replace("        url: https://example.com/20240603/testix.img", "        url: https://example.com/2024 0603/testix.img"),
     at("        url: https://example.com/2024 0603/testix.img", "https"),
     "'url' contains whitespace; a URL has none (encode a space as %20)")
case("url-ftp", replace("        url: https://example.com/20240603/testix.img", "        url: ftp://example.com/20240603/testix.img"),
     at("        url: ftp://example.com/20240603/testix.img", "ftp"),
     "'url' must be an http(s) URL or a file: path (the tool reads no other scheme); found 'ftp://example.com/20240603/testix.img'")
case("latest-url-ftp", replace("    latest_url: https://example.com/current/testix.img", "    latest_url: ftps://example.com/current/testix.img"),
     at("    latest_url: ftps://example.com/current/testix.img", "ftps"),
     "'latest_url' must be an http(s) URL (the tool reads no other scheme); found 'ftps://example.com/current/testix.img'")
case("checksum-unknown-algorithm", replace(f"        checksum: sha256:{SHA}", "        checksum: crc64:" + "5" * 64), at("        checksum: crc64:" + "5" * 64, "crc64"),
     "checksum algorithm 'crc64' cannot be verified; use one of md5, sha1, sha256, sha384, sha512")
case("tag-comma", replace("    tags: []", "    tags: ['linux,server']"), at("    tags: ['linux,server']", "'"),
     "tag 'linux,server' contains a comma, which the tool uses to record its tags on the image; use another character")
case("tag-too-long", replace("    tags: []", "    tags: [" + "t" * 256 + "]"), at("    tags: [" + "t" * 256 + "]", "tttt"),
     "tag '" + "t" * 40 + "...' is 256 characters long; Glance allows at most 255")
case("tag-leading-space", replace("    tags: []", "    tags: [' linux']"), at("    tags: [' linux']", "'"),
     "'tags' has leading or trailing whitespace (' linux'); remove it")

# Keys the tool owns or derives identity from, in any case, and keys Glance cannot tell apart.
case("meta-image-name", after("      os_distro: ubuntu", "      image_name: Other"), at("      image_name: Other", "image_name"),
     "'image_name' is set by the image manager from the definition's name; it tells which definition an image belongs to, and cannot be set in meta (in any case); remove it")
case("meta-image-name-case", after("      os_distro: ubuntu", "      Image_Name: Other"), at("      Image_Name: Other", "Image_Name"),
     "'Image_Name' is set by the image manager from the definition's name; it tells which definition an image belongs to, and cannot be set in meta (in any case); remove it")
case("version-meta-internal-version", lambda l: l + ["        meta:", "          internal_version: '20240101'"],
     at("          internal_version: '20240101'", "internal_version"),
     "'internal_version' is set by the image manager from the version; it tells which version an image stands for, and cannot be set in meta (in any case); remove it")
case("version-meta-image-description", lambda l: l + ["        meta:", "          image_description: Other"],
     at("          image_description: Other", "image_description"),
     "'image_description' links images to their definition and can be set only in the definition's meta, not in a version's; move it there")
case("meta-owner-upper", after("      os_distro: ubuntu", "      OWNER: someone"), at("      OWNER: someone", "OWNER"),
     "'OWNER' is owned by Glance (a core attribute or read-only property) and cannot be set in meta; remove it")
case("meta-bookkeeping", after("      os_distro: ubuntu", "      oim_pending: run"), at("      oim_pending: run", "oim_pending"),
     "'oim_pending' is set by the image manager from the image manager's own bookkeeping, and cannot be set in meta (in any case); remove it")
case("meta-case-variant", after("      os_distro: ubuntu", "      HW_Firmware_Type: uefi"), at("      HW_Firmware_Type: uefi", "HW"),
     "'HW_Firmware_Type' differs from 'hw_firmware_type' only in case; Glance does not tell property names apart by case: write 'hw_firmware_type'")
case("meta-case-duplicate", after("      os_distro: ubuntu", "      hw_video_ram: 64\n      HW_Video_RAM: 32"), at("      HW_Video_RAM: 32", "HW"),
     "'HW_Video_RAM' differs from 'hw_video_ram' (line 21) only in case; Glance does not tell property names apart by case")
case("version-meta-case-of-definition", lambda l: after("      os_distro: ubuntu", "      hw_video_ram: 64")(l) + ["        meta:", "          Hw_Video_Ram: 32"],
     at("          Hw_Video_Ram: 32", "Hw"),
     "'Hw_Video_Ram' differs from the definition's meta key 'hw_video_ram' only in case; Glance does not tell property names apart by case")
case("meta-key-newline", after("      os_distro: ubuntu", r'      "hw_\nvideo": x'), at(r'      "hw_\nvideo": x', '"'),
     f"property name 'hw_\\u000Avideo' contains U+000A (newline) at character 4; {HOSTILE}")
case("meta-key-too-long", after("      os_distro: ubuntu", "      " + "k" * 256 + ": x"), at("      " + "k" * 256 + ": x", "k"),
     "property name '" + "k" * 40 + "...' is 256 characters long; Glance allows at most 255")
case("meta-value-escape", after("      os_distro: ubuntu", r'      hw_video_model: "vga\e[31m"'), at(r'      hw_video_model: "vga\e[31m"', '"'),
     f"property 'hw_video_model' contains U+001B (escape) at character 4; {HOSTILE}")
case("meta-value-too-long", after("      os_distro: ubuntu", "      note: " + "v" * 65536), at("      note: " + "v" * 65536, "v"),
     "property 'note' is 65,536 bytes long; Glance stores at most 65,535")
case("duplicate-image-id", lambda l: l + ["        id: 0b4c6a5e-4f7e-4c39-9a59-2f4a0c1e7d11", "      - version: '20240610'", "        url: https://example.com/again.img",
     "        build_date: 2024-06-10", "        id: 0b4c6a5e-4f7e-4c39-9a59-2f4a0c1e7d11"],
     at("        id: 0b4c6a5e-4f7e-4c39-9a59-2f4a0c1e7d11@2", "0b4c"),
     "image id '0b4c6a5e-4f7e-4c39-9a59-2f4a0c1e7d11' is already given to another version at line 35; Glance image ids are unique")

for slug, edit, where, message in cases:
    if where is None:
        continue
    lines = edit(list(BASE))
    line_text, token = where
    occurrence = 1
    if "@" in line_text:
        line_text, occurrence = line_text.rsplit("@", 1)
        occurrence = int(occurrence)
    hits = [i for i, l in enumerate(lines) if l == line_text]
    i = hits[occurrence - 1]
    line, column = i + 2, lines[i].index(token) + 1  # +2: the expect comment is line 1
    with open(os.path.join(out, slug + ".yml"), "w", newline="\n") as f:
        f.write(f"# expect: {line}:{column}: error: {message}\n")
        f.write("\n".join(lines) + "\n")
print(len([c for c in cases if c[2] is not None]))

# Byte-level faults: text that is not UTF-8, and binary content.
def write_bytes(slug, old, new, token, message):
    lines = list(BASE)
    i = lines.index(old)
    line, column = i + 2, new.index(token) + 1
    body = "\n".join(lines).encode() .replace(old.encode(), new.encode("latin-1")) + b"\n"
    with open(os.path.join(out, slug + ".yml"), "wb") as f:
        f.write(f"# expect: {line}:{column}: error: {message}\n".encode())
        f.write(body)

write_bytes("not-utf8-latin1", "    password: secret", "    password: secr\xe9t", "\xe9",
            "not UTF-8 text: byte 0xE9 cannot start or continue a UTF-8 character; save the file as UTF-8")
write_bytes("binary-nul", "    login: testix", "    login: test\x00ix", "\x00",
            "binary content: control character U+0000; a definition file is YAML text")
