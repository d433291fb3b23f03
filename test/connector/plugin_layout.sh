#!/usr/bin/env bash
# The plugin's layout for listings (plugin/listing_layout.ld, -z separate-loadable-segments):
# every program that loads the plugin pays a page fault per 64 KiB window it touches, and a
# linker that ignored the script would only show as a slower h5ls. Checks, with readelf, that the
# PLT comes before the code, the constants before the exception tables, and that every loaded
# segment starts on a page of its own.
#   plugin_layout.sh PLUGIN
set -euo pipefail
plugin=$1
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
# Each PT_LOAD: its file offset a multiple of the page size.
while read -r offset; do
  offset=$(( offset ))  # 0x...
  if [ $(( offset % 4096 )) -ne 0 ]; then printf 'plugin_layout: a segment starts at offset 0x%x, inside a page\n' "$offset"; fail=1; fi
done < <(readelf -lW "$plugin" | awk '$1 == "LOAD" { print $2 }')
[ "$fail" -eq 0 ] && echo "plugin_layout: PLT before the code, constants before the exception tables, segments page-aligned"
exit "$fail"
