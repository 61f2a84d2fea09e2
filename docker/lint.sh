#!/usr/bin/env bash
# Lints the deployment files: docker/compose.yaml with dclint (the Compose specification's JSON schema, then dclint's
# rules as docker/dclint.yaml sets them; any warning fails) and docker/Dockerfile with dockerfile-utils (the Dockerfile
# syntax and instruction arguments Docker's own parser checks). Installs both from docker/lint/package-lock.json with
# npm on the first run. Exit status: non-zero when either finds a problem. CI runs it (.ci/run).
#
# dockerfilelint, the other npm Dockerfile linter, is not used: it predates multi-stage builds and reports
# "FROM runtime AS ch-consumer" as a missing tag and HEALTHCHECK --start-period as an invalid argument.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tools="$here/lint"

if [ ! -x "$tools/node_modules/.bin/dclint" ] || [ ! -x "$tools/node_modules/.bin/dockerfile-utils" ] \
    || [ "$tools/package-lock.json" -nt "$tools/node_modules/.package-lock.json" ]; then
  (cd "$tools" && npm ci --no-audit --no-fund)
fi

status=0
echo "dclint: docker/compose.yaml"
"$tools/node_modules/.bin/dclint" --color=false -c "$here/dclint.yaml" --max-warnings 0 "$here/compose.yaml" || status=1
echo "dockerfile-utils lint: docker/Dockerfile"
# It exits 1 on errors only; a warning (a deprecated instruction, say) fails here too: its JSON report must be empty.
report="$("$tools/node_modules/.bin/dockerfile-utils" lint --json "$here/Dockerfile")" || status=1
if [ "$report" != "[]" ]; then
  "$tools/node_modules/.bin/dockerfile-utils" lint "$here/Dockerfile" || true
  status=1
fi
if [ "$status" -eq 0 ]; then
  echo "docker/ lint: no problems"
fi
exit "$status"
