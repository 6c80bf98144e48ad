#!/usr/bin/env bash
# The project's test command (README): restores the pinned tools (pwsh 7.6.10 as a local .NET tool,
# Pester from NuGet), installs (when missing) and starts the local test cloud, then runs build.ps1's
# Build, Help and Test tasks under the pinned pwsh: every xunit project (unit, module surface, hosted PowerShell, integration
# against the real cloud) and the whole Pester suite. The last line counts all of them:
# "N passed, N failed, N skipped". build.ps1 -Task Test is the one place that runs and counts tests.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
configuration=${CONFIGURATION:-Release}
state=${OIM_TESTCLOUD_STATE:-/var/tmp/oim-testcloud}

dotnet tool restore
# Debian's packages of the test cloud, when missing (idempotent: a check of the installed packages otherwise).
if ! bash tests/cloud/install.sh; then
  echo "The local test cloud could not be installed (see above; it needs Debian 12 and root)."
  echo "0 passed, 1 failed"
  exit 1
fi
if ! bash tests/cloud/start.sh; then
  echo "The local test cloud did not start (see above)."
  echo "0 passed, 1 failed"
  exit 1
fi
# shellcheck disable=SC1091
source "$state/env.sh"

# -Command, not -File: -File passes "Build," "Help," as strings, not as the array -Task takes.
exec dotnet tool run pwsh -NoProfile -NonInteractive -Command "./build.ps1 -Task Build, Help, Test -Configuration $configuration; exit \$LASTEXITCODE"
