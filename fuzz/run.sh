#!/usr/bin/env bash
# Builds the libFuzzer targets and runs each for SECONDS seconds:
#   bash fuzz/run.sh SECONDS [TARGET...]
# Targets: fold tokenize numerals glossary config markdown html xliff po tmx srt vtt lint
# (default: all). The build goes to .build-fuzz (the package gets the target only when
# TERMLINT_FUZZ=1). Corpora grow in fuzz/corpus/TARGET (seeded from the test fixtures),
# crashes go to fuzz/crashes/TARGET/. Prints per target the inputs executed and whether it
# found anything; exits 1 if any target crashed (or timed out), 2 if the build failed.
set -uo pipefail
cd "$(dirname "$0")/.."

if [ $# -lt 1 ] || ! [[ $1 =~ ^[0-9]+$ ]]; then
  echo "usage: bash fuzz/run.sh SECONDS [TARGET...]" >&2
  exit 64
fi
seconds=$1
shift
all=(fold tokenize numerals glossary config markdown html xliff po tmx srt vtt lint cache)
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=("${all[@]}")

# The build tool that embeds the dictionaries is instrumented too and leaks on purpose
# (it exits at once); LeakSanitizer would fail the build.
export ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1
mkdir -p fuzz/logs
echo "== building termlint-fuzz (debug, ASan + libFuzzer coverage)"
if ! TERMLINT_FUZZ=1 swift build -c debug --build-path .build-fuzz --product termlint-fuzz \
  -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,trace-cmp,inline-8bit-counters,pc-table \
  -Xswiftc -use-ld=lld >fuzz/logs/build.log 2>&1; then
  grep -v "Cannot export local symbol" fuzz/logs/build.log | tail -40 >&2
  echo "fuzz: build failed (log: fuzz/logs/build.log)" >&2
  exit 2
fi
binary=.build-fuzz/debug/termlint-fuzz
fixtures=Tests/TermLintTests/Fixtures

# seed TARGET DIR: copies the seed files for TARGET into DIR.
seed() {
  local target=$1 dir=$2 file
  mkdir -p "$dir"
  case $target in
    fold | tokenize | numerals)
      cp seeds/*.txt fuzz/seeds/text.txt "$fixtures"/formats/policy.md "$dir"/ ;;
    glossary) find dictionaries -name '*.yml' -exec cp {} "$dir"/ \; ;;
    config) cp fuzz/seeds/lint.yml "$dir"/ ;;
    markdown) cp "$fixtures"/formats/*.md "$dir"/ ;;
    html) cp "$fixtures"/formats/*.html "$dir"/ ;;
    xliff) cp "$fixtures"/formats/*.xlf "$fixtures"/formats/*.xliff seeds/*.xlf "$dir"/ ;;
    po) cp "$fixtures"/formats/*.po "$dir"/ ;;
    tmx) cp "$fixtures"/formats/*.tmx "$dir"/ ;;
    srt) cp fuzz/seeds/*.srt "$dir"/ ;;
    vtt) cp "$fixtures"/formats/*.vtt "$dir"/ ;;
    lint)
      # The first byte picks the format (index into FileFormat.allCases:
      # text markdown html xliff po tmx srt vtt).
      local index=0
      for file in fuzz/seeds/text.txt "$fixtures"/formats/policy.md "$fixtures"/formats/page.html \
        "$fixtures"/formats/segments.xliff "$fixtures"/formats/messages.po \
        "$fixtures"/formats/memory.tmx fuzz/seeds/cues.srt "$fixtures"/formats/cues.vtt; do
        { printf "\\x$(printf %02x $index)"; cat "$file"; } >"$dir/seed-$index"
        index=$((index + 1))
      done ;;
    cache)
      # Edits to a known-good cache file (the target makes it): none, one, a few.
      printf '' >"$dir/none"
      printf '\x10\x00\x00\xff' >"$dir/one"
      printf '\x00\x01\x00\x00\x40\x02\x00\x07\x00\x10\x00\xff' >"$dir/three" ;;
    *) echo "fuzz: unknown target $target" >&2; return 1 ;;
  esac
}

failed=0
summary=()
mkdir -p fuzz/logs
for target in "${targets[@]}"; do
  corpus=fuzz/corpus/$target
  crashes=fuzz/crashes/$target
  seeds_dir=$(mktemp -d)
  seed "$target" "$seeds_dir" || { failed=1; continue; }
  mkdir -p "$corpus" "$crashes"
  log=fuzz/logs/$target.log
  # Small inputs run fast; the glossary loader gets room for a few terms more.
  max_len=4096
  [ "$target" = glossary ] && max_len=16384
  echo "== $target: ${seconds}s"
  TERMLINT_FUZZ_TARGET=$target "$binary" "$corpus" "$seeds_dir" \
    -max_total_time="$seconds" -print_final_stats=1 -timeout=10 -rss_limit_mb=4096 \
    -max_len=$max_len -artifact_prefix="$crashes/" >"$log" 2>&1
  status=$?
  rm -rf "$seeds_dir"
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
  if [ "$status" -ne 0 ]; then
    failed=1
    artifact=$(grep -o "Test unit written to .*" "$log" | tail -1 | sed 's/Test unit written to //')
    summary+=("$target: ${runs:-?} inputs, FOUND a crash (exit $status): ${artifact:-see $log}")
    grep -m3 -E "ERROR:|invariant broken|Fatal error|deadly signal" "$log" | sed 's/^/    /'
  else
    summary+=("$target: ${runs:-?} inputs, nothing found")
  fi
done

echo "== fuzz summary (${seconds}s per target)"
printf '%s\n' "${summary[@]}"
exit $failed
