#!/usr/bin/env bash
# The project's single test command: ./scripts/test.sh [extra dotnet test args]
#   e.g. ./scripts/test.sh --filter "FullyQualifiedName~Kpi"
#
# Provisions everything the full suite needs (Chromium, a private PostgreSQL),
# builds, runs every test project and ends with exactly one summary line:
#   N passed, N failed, N skipped
# Exit code is 0 only if the build and the test run succeeded and nothing failed.
#
# The KINERJAFLOW_TEST_REQUIRE_* variables make the tests fail rather than skip
# when PostgreSQL or the browser is unavailable, so a broken environment can
# never masquerade as a green run.
set -Eeuo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
RESULTS=$ROOT/TestResults
CHROMIUM=/usr/bin/chromium

log() { echo "test.sh: $*" >&2; }

PG_PARENT=

# Idempotent: runs explicitly before the summary (so the summary stays the last
# line of output) and again from the EXIT trap on failure or Ctrl-C.
cleanup() {
    if [[ -n $PG_PARENT ]]; then
        "$ROOT/scripts/pg.sh" stop >/dev/null 2>&1 || log "warning: could not stop PostgreSQL in $KINERJAFLOW_PG_DIR"
        rm -rf "$PG_PARENT"
        PG_PARENT=
    fi
}

# Setup problems are reported in the same format as test failures, so whoever
# reads only the last line (CI, a person skimming) still sees a failure.
setup_failed() {
    log "$*"
    cleanup
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
}

# Value of a numeric attribute in a <Counters .../> element, 0 if absent.
# The leading whitespace keeps "passed" from matching "passedButRunAborted".
counter() {
    local value
    value=$(sed -n "s/.*[[:space:]]$1=\"\([0-9][0-9]*\)\".*/\1/p" <<<"$2")
    echo "${value:-0}"
}

# Sums the <Counters> of every TRX file under $1 into the globals
# PASSED, FAILED and SKIPPED. grep/sed only, so no python is needed.
sum_trx() {
    local file counters
    PASSED=0 FAILED=0 SKIPPED=0
    while IFS= read -r -d '' file; do
        # Joined into one line because nothing guarantees the element is.
        counters=$(tr '\n\r' '  ' <"$file" | grep -o '<Counters[[:space:]][^>]*>' | head -n 1) || true
        if [[ -z $counters ]]; then
            # A TRX cut short by a crashed test host: do not let it pass silently.
            log "warning: no <Counters> in $file, counting it as a failure"
            FAILED=$((FAILED + 1))
            continue
        fi
        PASSED=$((PASSED + $(counter passed "$counters")))
        # error/timeout/aborted are failures too; they just failed differently.
        FAILED=$((FAILED + $(counter failed "$counters") + $(counter error "$counters") \
            + $(counter timeout "$counters") + $(counter aborted "$counters")))
        SKIPPED=$((SKIPPED + $(counter notExecuted "$counters")))
    done < <(find "$1" -type f -name '*.trx' -print0 2>/dev/null)
}

main() {
    cd "$ROOT"
    trap cleanup EXIT
    # Turn signals into a normal exit so the EXIT trap stops PostgreSQL.
    trap 'exit 130' INT
    trap 'exit 143' TERM

    export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

    command -v dotnet >/dev/null 2>&1 || setup_failed "dotnet SDK not found on PATH (install the .NET 10 SDK)"

    if [[ ! -x $CHROMIUM ]]; then
        # fonts-liberation is tiny and keeps screenshots legible; apt-install.sh
        # skips recommends, which is where chromium would otherwise get it.
        "$ROOT/scripts/apt-install.sh" chromium fonts-liberation || setup_failed "could not install chromium"
        [[ -x $CHROMIUM ]] || setup_failed "chromium installed but $CHROMIUM is missing"
    fi

    # A private state dir: never collides with a developer's own pg.sh cluster
    # or with a concurrent test run.
    PG_PARENT=$(mktemp -d "${TMPDIR:-/tmp}/kinerjaflow-test.XXXXXX")
    # As root, pg.sh runs the server as 'postgres', which must traverse this dir.
    chmod 755 "$PG_PARENT"
    export KINERJAFLOW_PG_DIR=$PG_PARENT/pg
    local pg_url
    pg_url=$("$ROOT/scripts/pg.sh" start | tail -n 1) || setup_failed "could not start PostgreSQL"

    export KINERJAFLOW_TEST_PG=$pg_url
    export KINERJAFLOW_TEST_REQUIRE_PG=1
    export KINERJAFLOW_TEST_CHROMIUM=$CHROMIUM
    export KINERJAFLOW_TEST_REQUIRE_BROWSER=1

    # Only stale TRX files would skew the counts; screenshots and other
    # artifacts under TestResults/artifacts are kept for inspection.
    mkdir -p "$RESULTS"
    find "$RESULTS" -type f -name '*.trx' -delete

    # Exit codes are captured rather than left to set -e, so the summary below
    # is always printed.
    local build_rc=0 test_rc=0
    dotnet build KinerjaFlow.sln -c Debug || build_rc=$?
    if ((build_rc == 0)); then
        dotnet test KinerjaFlow.sln -c Debug --no-build --logger trx --results-directory "$RESULTS" "$@" || test_rc=$?
    else
        # Running --no-build against a failed build would test stale binaries.
        log "build failed (exit code $build_rc), tests not run"
    fi

    cleanup

    sum_trx "$RESULTS"
    if ((build_rc != 0 || test_rc != 0)) && ((FAILED == 0)); then
        # A crash or a missing TRX must not read as "0 failed".
        ((test_rc == 0)) || log "dotnet test failed (exit code $test_rc) without reporting a failed test"
        FAILED=1
    fi

    echo "$PASSED passed, $FAILED failed, $SKIPPED skipped"
    if ((FAILED == 0 && build_rc == 0 && test_rc == 0)); then exit 0; else exit 1; fi
}

# Sourcing (instead of executing) only defines the functions, which lets the
# TRX parser be exercised on its own.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
