#!/usr/bin/env bash
# Commits only the given paths, serialised with a lock so parallel developers on one
# checkout never fight over git's index.  Usage: tools/dev/commit-paths.sh "message" path...
set -euo pipefail
msg=$1; shift
cd "$(dirname "$0")/../.."
exec 9>/tmp/propcast-git.lock
flock 9
git add -A -- "$@"
if git diff --cached --quiet -- "$@"; then echo "nothing to commit in $*"; exit 0; fi
git commit -q -m "$msg" -- "$@"
git log --oneline -1
