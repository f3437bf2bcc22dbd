#!/usr/bin/env bash
# Prepares the `--scale` report for a machine with many cores that has only the .NET runtime and no network (the
# tool library's `device`): this checkout's build, and optionally an earlier one to compare it with, each in its own
# folder under .device/scale/, with a script there that runs them in turn.
#
#   benchmarks/device-scale.sh [BASELINE_REF]          from the project root; BASELINE_REF is any git revision
#
# Then run, carrying ".device":   bash .device/scale/run.sh [WORKERS] [CELL_MS] [ROUNDS] [PASSES]
# (defaults 1,2,4,8,16, 600, 3 and 2: about 50 s per build and pass on 16 cores). The runtime comes from
# .device/dotnet.tar.xz, which ../shared/tools/device-runtime packs; this script runs it when the file is missing.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
cd "$root"
baseline=${1:-}
out="$root/.device/scale"

if [ ! -f .device/dotnet.tar.xz ]; then
    packer="$root/../shared/tools/device-runtime"
    [ -x "$packer" ] || { echo "no .device/dotnet.tar.xz, and no $packer to pack the runtime with" >&2; exit 1; }
    "$packer"
fi

# The report needs only the program, its runtime config, the woven subjects and the runtime they call. Every build
# runs this checkout's program, so that the builds differ only in the subjects and the runtime.
copy_build() {
    local from=$1 to=$2
    rm -rf "$to" && mkdir -p "$to"
    for file in Shield.Benchmarks.dll Shield.Benchmarks.runtimeconfig.json; do
        cp "$root/benchmarks/Shield.Benchmarks/bin/Release/net10.0/$file" "$to/"
    done
    for file in Shield.Benchmarks.Subjects.dll Shield.Fody.Attributes.dll; do
        cp "$from/benchmarks/Shield.Benchmarks/bin/Release/net10.0/$file" "$to/"
    done
    local changes=""
    git -C "$from" diff --quiet HEAD || changes=" (with uncommitted changes)"
    echo "$(git -C "$from" log -1 --format='%h %<(60,trunc)%s')$changes" > "$to/REVISION"
}

build() {
    dotnet build "$1/benchmarks/Shield.Benchmarks" -c Release -v quiet -nologo > "$out.build.log" 2>&1 \
        || { cat "$out.build.log" >&2; exit 1; }
}

mkdir -p "$out"
build "$root"
copy_build "$root" "$out/current"
builds="current"

if [ -n "$baseline" ]; then
    tree=$(mktemp -d)
    trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || true' EXIT
    git worktree add --detach "$tree" "$baseline" > /dev/null
    build "$tree"
    copy_build "$tree" "$out/baseline"
    builds="baseline current"
fi
rm -f "$out.build.log"

cat > "$out/run.sh" <<EOF
#!/usr/bin/env bash
# Written by benchmarks/device-scale.sh: runs each build's --scale report in turn, PASSES times.
set -euo pipefail
here=\$(cd "\$(dirname "\$0")" && pwd)
mkdir -p /tmp/dn && tar xJf "\$here/../dotnet.tar.xz" -C /tmp/dn
export DOTNET_ROOT=/tmp/dn PATH=/tmp/dn:\$PATH DOTNET_gcServer=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
workers=\${1:-1,2,4,8,16}; cell=\${2:-600}; rounds=\${3:-3}; passes=\${4:-2}
nproc
for pass in \$(seq "\$passes"); do
    for build in $builds; do
        echo "== \$build (\$(cat "\$here/\$build/REVISION")), pass \$pass"
        (cd "\$here/\$build" && dotnet Shield.Benchmarks.dll --scale --workers "\$workers" --cell-ms "\$cell" --rounds "\$rounds")
    done
done
EOF
chmod +x "$out/run.sh"

echo "prepared .device/scale: $builds"
for build in $builds; do echo "  $build: $(cat "$out/$build/REVISION")"; done
echo "run it with carry [\".device\"] and the command: bash .device/scale/run.sh"
