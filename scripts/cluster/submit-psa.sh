#!/usr/bin/env bash
# Submits a sharded PSA to Slurm: a job array of N parts, then a merge job that runs only if every
# part succeeded. Prints the two job ids. COMMAND=sweep, run or trial shards that command instead
# (its options after OUT, e.g. COMMAND=trial ... --subjects-per-arm 40,80 --replicates 1000).
#   scripts/cluster/submit-psa.sh SCENARIO N OUT [extra psa options, e.g. --draws 1000 --subjects 1000]
# Parts go to OUT.parts/1 … OUT.parts/N; the merged outputs to OUT. BACLOSIM (default: baclosim
# on PATH) names the binary; SBATCH_OPTIONS adds options to both submissions (e.g. a partition).
set -euo pipefail
[ $# -ge 3 ] || { echo "usage: $0 SCENARIO N OUT [psa options...]" >&2; exit 64; }
scenario=$1 shards=$2 out=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
parts="$out.parts"
mkdir -p "$parts"
export SCENARIO="$scenario" PARTS="$parts" SHARDS="$shards" OUT="$out" PSA_OPTIONS="$*" BACLOSIM="${BACLOSIM:-baclosim}"
array=$(sbatch --parsable ${SBATCH_OPTIONS:-} --array="1-$shards" --export=ALL "$here/psa-array.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable ${SBATCH_OPTIONS:-} --dependency="afterok:$array" --export=ALL "$here/psa-merge.sbatch")
merge=${merge%%;*}
echo "$array $merge"
