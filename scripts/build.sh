#!/usr/bin/env bash
# Publishes the LiveShop host into .build/app, with the benchmark verbs' assembly beside it (bench/LiveShop.Bench.Verbs,
# loaded by `liveshop bench …`), when their sources changed since the last publish; a second run with nothing changed
# returns at once.
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OUT="$ROOT/.build/app"
STAMP="$ROOT/.build/app.stamp"

# A fingerprint of every input's path, size and modification time: cheap, and it changes on edits,
# additions, deletions and checkouts.
fingerprint() {
  local inputs=()
  for input in src bench policies prompts docs/knowledge Directory.Build.props Directory.Packages.props global.json; do
    [ -e "$ROOT/$input" ] && inputs+=("$input")
  done
  cd "$ROOT" && find "${inputs[@]}" -type f -not -path '*/bin/*' -not -path '*/obj/*' -printf '%p %s %T@\n' | sort | sha256sum | cut -d' ' -f1
}

current=$(fingerprint)
BENCH=LiveShop.Bench.Verbs
if [ -f "$OUT/LiveShop.Chat.dll" ] && [ -f "$OUT/$BENCH.dll" ] && [ -f "$STAMP" ] && [ "$(cat "$STAMP")" = "$current" ]; then
  exit 0
fi
echo "liveshop: building (sources changed)…" >&2
mkdir -p "$ROOT/.build"
# The bench assembly references the host, so the host cannot publish it: build it against the same Release host and
# copy it beside (it uses nothing the host does not already ship).
BENCH_PROJECT="$ROOT/bench/$BENCH/$BENCH.csproj"
if ! { dotnet publish "$ROOT/src/Chat/LiveShop.Chat.csproj" -c Release -o "$OUT" --nologo -v quiet \
       && dotnet build "$BENCH_PROJECT" -c Release --nologo -v quiet \
       && cp "$(dotnet build "$BENCH_PROJECT" -c Release -getProperty:TargetPath)" "$OUT/"; } > "$ROOT/.build/publish.log" 2>&1; then
  cat "$ROOT/.build/publish.log" >&2
  echo "liveshop: the build failed (log above, also in .build/publish.log)" >&2
  exit 1
fi
echo "$current" > "$STAMP"
