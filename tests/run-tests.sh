#!/usr/bin/env bash
# The project's test command (README): starts the local test cloud, runs every xunit project
# (unit, module surface, integration against the real cloud), runs the Pester tests when pwsh is
# installed (and says plainly when it is not), and ends with one line: "N passed, N failed, N skipped".
set -uo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$repo"
started=$(date +%s)
configuration=${CONFIGURATION:-Release}
results="$repo/out/TestResults"
state=${OIM_TESTCLOUD_STATE:-/var/tmp/oim-testcloud}

bash tests/cloud/start.sh || { echo "The local test cloud did not start (see above)."; echo "0 passed, 1 failed"; exit 1; }
# shellcheck disable=SC1091
source "$state/env.sh"

rm -rf "$results"
mkdir -p "$results"
status=0
projects="OpenStackImageManager.Module.Tests OpenStackImageManager.Hosted.Tests OpenStackImageManager.Engine.Tests OpenStackImageManager.Cli.Tests OpenStackImageManager.Integration.Tests"

# One project at a time: clearer logs, and the integration tests get the machine's two cores.
for project in $projects; do
  echo "=== dotnet test $project ==="
  dotnet test "tests/$project" -c "$configuration" --nologo \
    --logger "trx;LogFileName=$project.trx" --logger "console;verbosity=normal" \
    --results-directory "$results" || status=1
done

pester_note=""
pester_ran=0
pester_status=0
if command -v pwsh >/dev/null 2>&1; then
  echo "=== Pester ==="
  pester_ran=1
  pwsh -NoProfile -NonInteractive -File build.ps1 -Task Pester -Configuration "$configuration" || { status=1; pester_status=1; }
else
  pester_note="Pester tests SKIPPED: pwsh is not installed on this machine (they run in GitHub Actions, .github/workflows/ci.yml)."
  echo "$pester_note"
fi

# Sum the counters of every result file; a missing result file counts as a failure.
passed=0; failed=0; skipped=0
for project in $projects; do
  trx="$results/$project.trx"
  if [[ ! -f $trx ]]; then
    echo "No test results for $project."
    failed=$((failed + 1)); status=1; continue
  fi
  counters=$(grep -o '<Counters [^>]*>' "$trx")
  get() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  skipped=$((skipped + $(get notExecuted)))
done
if [[ -f $results/pester.xml ]]; then
  header=$(grep -o '<test-results [^>]*>' "$results/pester.xml")
  pget() { local v; v=$(sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$header"); echo "${v:-0}"; }
  # Pester 5's NUnit 2.5 header: total = all tests minus not-run, so not-run tests are not in total
  # (subtracting them again would undercount the passed ones); skipped and inconclusive are in it.
  p_total=$(pget total); p_fail=$(( $(pget failures) + $(pget errors) ))
  p_skip=$(( $(pget skipped) + $(pget ignored) + $(pget inconclusive) ))
  passed=$((passed + p_total - p_fail - p_skip)); failed=$((failed + p_fail)); skipped=$((skipped + p_skip + $(pget not-run)))
  # A file that failed Discovery or a failed BeforeAll/AfterAll of a block is in no test counter, only in
  # the exit code of Invoke-Pester (Run.Exit): count such a run as one failure.
  if (( pester_status != 0 && p_fail == 0 )); then
    echo "Pester failed outside the test counters (a container or block failed; see its output above)."
    failed=$((failed + 1))
  fi
elif (( pester_ran )); then
  echo "No Pester results ($results/pester.xml)."
  failed=$((failed + 1)); status=1
fi

[[ -n $pester_note ]] && echo "$pester_note"
echo "Tests took $(( $(date +%s) - started )) s."
if (( failed > 0 )); then status=1; fi
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
