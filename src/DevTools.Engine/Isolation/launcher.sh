#!/bin/sh
# Started by the engine in front of every runtime process (and, for a private /tmp, inside a new
# mount namespace made by unshare): it joins the environment's cgroups, so everything the runtime
# ever forks is in them, mounts the environment's own /tmp, then execs the runtime in its place.
set -e
for procs in ${DEVTOOLS_CGROUP_PROCS:-}; do
  echo $$ > "$procs"
done
if [ -n "${DEVTOOLS_TMP_SOURCE:-}" ]; then
  # Lambda's layout (/var/task, /var/runtime, /opt) and paths under the host's /tmp stay reachable through binds made first.
  if [ -n "${DEVTOOLS_BINDS:-}" ]; then
    printf '%s\n' "$DEVTOOLS_BINDS" | while IFS='|' read -r source target mode; do
      [ -n "$source" ] || continue
      "$DEVTOOLS_MOUNT" --bind "$source" "$target"
      if [ "$mode" = ro ]; then "$DEVTOOLS_MOUNT" -o remount,bind,ro "$target"; fi
    done
  fi
  "$DEVTOOLS_MOUNT" --bind "$DEVTOOLS_TMP_SOURCE" /tmp
fi
if [ -n "${DEVTOOLS_WORKDIR:-}" ]; then cd "$DEVTOOLS_WORKDIR"; fi
unset DEVTOOLS_CGROUP_PROCS DEVTOOLS_TMP_SOURCE DEVTOOLS_BINDS DEVTOOLS_WORKDIR DEVTOOLS_MOUNT
exec "$@"
