#!/bin/sh
# One per engine, in its own session. The engine tells it, on stdin, what it creates
# ("+group PGID", "+cgroup DIR", "+mount DIR", "+root DIR") and what it removes ("-..." lines).
# When stdin ends — the engine exited or was killed — it kills every process group and cgroup
# still listed, unmounts what is still mounted and removes the engine's files: nothing is left.
items=""
while IFS= read -r line; do
  case "$line" in
    +*) items="$items
${line#+}" ;;
    -*) items=$(printf '%s\n' "$items" | grep -v -x -F -e "${line#-}" || true) ;;
  esac
done

kill_cgroup() {
  i=0
  while [ $i -lt 50 ]; do
    pids=$(cat "$1/cgroup.procs" 2>/dev/null || true)
    [ -z "$pids" ] && break
    if [ -e "$1/cgroup.kill" ]; then echo 1 > "$1/cgroup.kill" 2>/dev/null || true; fi
    if [ -e "$1/freezer.state" ]; then echo FROZEN > "$1/freezer.state" 2>/dev/null || true; fi
    kill -9 $pids 2>/dev/null || true
    if [ -e "$1/freezer.state" ]; then echo THAWED > "$1/freezer.state" 2>/dev/null || true; fi
    if [ -e "$1/cgroup.freeze" ]; then echo 0 > "$1/cgroup.freeze" 2>/dev/null || true; fi
    sleep 0.02
    i=$((i + 1))
  done
  rmdir "$1" 2>/dev/null || true
}

for pass in processes mounts files; do
  printf '%s\n' "$items" | while IFS=' ' read -r kind value; do
    [ -z "$kind" ] && continue
    case "$pass:$kind" in
      processes:group) kill -9 "-$value" 2>/dev/null || true ;;
      processes:cgroup) kill_cgroup "$value" ;;
      mounts:mount) umount -l "$value" 2>/dev/null || true ;;
      files:cgroup-root) rmdir "$value" 2>/dev/null || true ;;
      files:root) rm -rf "$value" 2>/dev/null || true ;;
    esac
  done
done
