#!/usr/bin/env bash
# The plugin's layout for listings (plugin/listing_layout.ld, -z separate-loadable-segments):
# every program that loads the plugin pays a page fault per 64 KiB window it touches, and a
# linker that ignored the script would only show as a slower h5ls. Checks, with readelf, that the
# PLT comes before the code, the constants before the exception tables, that every loaded
# segment starts on a 64 KiB boundary of its own, and, with `rodynamic` (glibc >= 2.35), that
# .dynamic lies in a read-only segment.
#   plugin_layout.sh PLUGIN [rodynamic]
set -euo pipefail
plugin=$1
rodynamic=${2:-}
command -v readelf >/dev/null || { echo "plugin_layout: needs readelf (binutils)"; exit 1; }

# The address of a section, in decimal ("" when the plugin has none).
address_of() {
  local hex
  hex=$(readelf -SW "$plugin" | awk -v name="$1" '{ for (i = 1; i < NF; ++i) if ($i == name) { print $(i + 2); exit } }')
  if [ -n "$hex" ]; then echo $(( 16#$hex )); fi
}
fail=0
before() {  # before FIRST SECOND: FIRST starts below SECOND
  local a b
  a=$(address_of "$1") b=$(address_of "$2")
  if [ -z "$a" ] || [ -z "$b" ]; then echo "plugin_layout: no $1 or no $2 in $plugin"; fail=1; return; fi
  if [ "$a" -ge "$b" ]; then
    printf 'plugin_layout: %s (0x%x) is not before %s (0x%x)\n' "$1" "$a" "$2" "$b"; fail=1
  fi
}
before .plt .text
before .rodata .gcc_except_table
# Each PT_LOAD: its file offset and its alignment 64 KiB (the kernel's fault window).
while read -r offset align; do
  offset=$(( offset )) align=$(( align ))  # 0x...
  if [ $(( offset % 65536 )) -ne 0 ] || [ "$align" -ne 65536 ]; then
    printf 'plugin_layout: a segment at offset 0x%x aligned to 0x%x, expected 64 KiB for both\n' "$offset" "$align"; fail=1
  fi
done < <(readelf -lW "$plugin" | awk '$1 == "LOAD" { print $2, $NF }')
if [ "$rodynamic" = rodynamic ]; then
  # The LOAD that holds PT_DYNAMIC's address must have no W among its flags.
  dynamic=$(( $(readelf -lW "$plugin" | awk '$1 == "DYNAMIC" { print $3 }') ))
  verdict="not in any segment"
  while read -r _ _ vaddr _ _ memsz flags; do
    start=$(( vaddr )) end=$(( vaddr + memsz ))
    if [ "$dynamic" -ge "$start" ] && [ "$dynamic" -lt "$end" ]; then
      case "${flags% *}" in *W*) verdict="in a writable segment" ;; *) verdict="" ;; esac
    fi
  done < <(readelf -lW "$plugin" | awk '$1 == "LOAD"')
  if [ -n "$verdict" ]; then echo "plugin_layout: .dynamic is $verdict (expected read-only: -z rodynamic)"; fail=1; fi
fi
[ "$fail" -eq 0 ] && echo "plugin_layout: PLT before the code, constants before the exception tables, segments 64 KiB-aligned${rodynamic:+, .dynamic read-only}"
exit "$fail"
