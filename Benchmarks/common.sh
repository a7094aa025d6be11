# Shared by the scripts in Benchmarks/ (compare-rm1, rm1-floor, scaling, psa-base-case, ci-check;
# sourced, not run).
# Expects ROOT (the repository root) to be set by the caller.

# Prints a message on stderr and exits 2 (bad usage or a missing prerequisite).
die() {
  echo "$(basename "$0"): $*" >&2
  exit 2
}

# Prints the path of a release `baclosim`: the one given (--binary), else builds it at the
# repository root (`swift build -c release --product baclosim`, build log on stderr).
release_baclosim() {
  local given="$1"
  if [[ -n "$given" ]]; then
    [[ -x "$given" ]] || die "--binary $given is not an executable file"
    echo "$given"
    return
  fi
  (cd "$ROOT" && swift build -c release --product baclosim >&2) || die "release build failed"
  echo "$(cd "$ROOT" && swift build -c release --show-bin-path)/baclosim"
}

# One line describing this machine: cores, CPU model, memory.
machine_line() {
  local model mem
  model=$(grep -m1 '^model name' /proc/cpuinfo 2>/dev/null | sed 's/^model name[[:space:]]*:[[:space:]]*//')
  mem=$(awk '/^MemTotal/ {printf "%.0f GiB", $2 / 1048576}' /proc/meminfo 2>/dev/null)
  echo "$(nproc) cores (nproc), ${model:-unknown CPU} ($(uname -m)), ${mem:-unknown} memory;" \
    "load average $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null) at the start (other users' work included)"
}

# The commit of the checkout, with "+dirty" when its Sources or Package.swift differ from it.
commit_line() {
  local commit
  commit=$(git -C "$ROOT" rev-parse --short=12 HEAD 2>/dev/null || echo unknown)
  # Only what goes into the binary counts: uncommitted benchmark scripts do not change it.
  if ! git -C "$ROOT" diff --quiet HEAD -- Sources Package.swift 2>/dev/null; then commit="$commit+dirty"; fi
  echo "$commit"
}

# Reads a number from a run's manifest.json: json_field FILE KEY.
json_field() {
  python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))[sys.argv[2]])' "$1" "$2"
}
