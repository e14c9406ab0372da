#!/usr/bin/env bash
# CI for examples/service, a module of its own: gofmt, vet, staticcheck,
# the tests at the issue's size (SLACLOCK_LONG=1: the 2,000-ticket,
# 20,000-event bursts on SQLite and on PostgreSQL), the race detector at
# the default size, a short run of the fuzz target, and the benchmark once.
# The tests need Debian's PostgreSQL server and Chromium: this script
# installs them with apt-get where they are missing (as root, or with sudo).
set -euo pipefail
cd "$(dirname "$0")"

sudo=""
if [[ $(id -u) != 0 ]]; then
	sudo=sudo
fi
missing=()
if ! command -v initdb >/dev/null && ! compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; then
	missing+=(postgresql)
fi
if ! command -v chromium >/dev/null; then
	missing+=(chromium)
fi
if ((${#missing[@]})); then
	echo "== apt-get install ${missing[*]}"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
fi

echo "== examples/service: gofmt, go vet, staticcheck ($SECONDS s)"
unformatted=$(gofmt -l .)
if [[ -n $unformatted ]]; then
	echo "gofmt would change:"; echo "$unformatted"; exit 1
fi
go vet ./...
go run honnef.co/go/tools/cmd/staticcheck@v0.8.2 ./...

echo "== examples/service: SLACLOCK_LONG=1 go test ($SECONDS s)"
SLACLOCK_LONG=1 go test -count=1 -timeout=20m ./...

echo "== examples/service: go test -race ($SECONDS s)"
env -u SLACLOCK_LONG go test -race -count=1 -timeout=20m ./...

echo "== examples/service: fuzz (short) ($SECONDS s)"
# A count, not a duration: see the fuzz section of ../../.ci/run.
go test -run='^$' -fuzz='^FuzzRequest$' -fuzztime="${FUZZTIME:-3000x}" .

echo "== examples/service: the benchmark, once ($SECONDS s)"
go test -run='^$' -bench=EndToEnd -benchtime=500x ./...

echo "== examples/service: ok ($SECONDS s)"
