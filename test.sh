#!/usr/bin/env bash
# The same set-up as ./liveshop, then every test suite against a throwaway PostgreSQL cluster
# (started by the tests themselves, fsync off, under /var/lib/liveshop/clusters/*-test).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cd "$ROOT"

scripts/install-prerequisites.sh --browser
scripts/build.sh
./liveshop --help > /dev/null

mkdir -p .build
status=0
dotnet test LiveShop.Agents.sln --nologo 2>&1 | tee .build/test.log || status=$?

# One closing line over every suite, so the whole run can be read at a glance.
passed=$(grep -oE 'Passed: +[0-9]+' .build/test.log | awk '{ s += $2 } END { print s + 0 }')
failed=$(grep -oE 'Failed: +[0-9]+' .build/test.log | awk '{ s += $2 } END { print s + 0 }')
echo "tests: $passed passed, $failed failed"
if [ "$passed" -eq 0 ]; then echo "no test ran" >&2; exit 1; fi
exit "$status"
