# shellcheck shell=bash
# Sourced by h5sparse-dump, h5sparse-ls and h5sparse-diff: run one of HDF5's own tools with the
# h5sparse connector named on its command line.
#
# Why the command line and not HDF5_VOL_CONNECTOR: with the environment variable, a tool whose
# connector cannot load (wrong plugin path, a libhdf5 mismatch) silently falls back to the
# native connector and shows the raw groups, so a user cannot tell whether the connector is in
# use. With --vol-name the tool refuses to open the file instead.
#
# Which tools: those installed next to the libhdf5 the connector was built against (a process
# must not load two different libhdf5). The build's CMake cache names that h5dump exactly; a
# build configured before that cache entry existed falls back to bootstrap-hdf5, which is how
# h5sparse-env finds them.
#
# Settings (environment):
#   H5SPARSE_BUILD_DIR  the build to take the connector from (default: <checkout>/build)
#   HDF5_PLUGIN_PATH    used as is when set (so a user's own plugin directories are honoured);
#                       when unset, <build>/plugin and the build's filter plugins
#   H5SPARSE_VOL_INFO   the connector's info string (default: under_vol=0;under_info={}), e.g.
#                       'under_vol=0;under_info={};conventions=anndata'
#   H5SPARSE_NO_BUILD=1 never build; fail if the connector is not built (the tests set it)
# HDF5_VOL_CONNECTOR is unset: the command line alone names the connector.

# Set by the wrapper before sourcing: h5sparse_here (the h5tools-scripts directory).
: "${h5sparse_here:?}"
h5sparse_script=$(basename "$0")  # the wrapper's name, for messages
h5sparse_say() { printf '%s: %s\n' "$h5sparse_script" "$*" >&2; }

# The directory of the HDF5 tools that belong to the connector's libhdf5.
h5sparse_tool_bindir() {
  local cache=$h5sparse_build/CMakeCache.txt h5dump=""
  [ -f "$cache" ] && h5dump=$(sed -n 's/^H5SPARSE_H5DUMP:FILEPATH=//p' "$cache")
  if [ -n "$h5dump" ] && [ -x "$h5dump" ]; then
    dirname "$h5dump"
  else
    echo "$("$h5sparse_here/bootstrap-hdf5" 2>/dev/null)/bin"
  fi
}

# The filter plugins the build was configured with (h5tools-scripts/bootstrap-filters), or nothing.
h5sparse_filter_plugin_dir() {  # build
  local cache=$1/CMakeCache.txt dir=""
  [ -f "$cache" ] && dir=$(sed -n 's/^H5SPARSE_FILTER_PLUGIN_DIR:PATH=//p' "$cache")
  [ -n "$dir" ] && [ -d "$dir" ] && echo "$dir"
  return 0
}

# Is there a file that looks like the h5sparse connector in the colon-separated plugin path?
h5sparse_plugin_present() {
  local dir
  local IFS=:
  for dir in $1; do
    compgen -G "$dir/*h5sparse*.so*" >/dev/null && return 0
  done
  return 1
}

h5sparse_tool_help() {  # tool
  local what
  case "$1" in
    h5dump) what="h5dump: prints the file, each sparse group as a 2-D dataset of its logical shape" ;;
    h5ls) what="h5ls: lists the file, each sparse group as a 2-D dataset of its logical shape" ;;
    h5diff) what="h5diff: compares two files (or objects) with the connector loaded for both, so a
sparse group compares equal to its dense twin" ;;
  esac
  cat <<HELP
usage: $h5sparse_script [${1} OPTIONS] FILE...

HDF5's $what.
Runs $1 of the HDF5 >= 1.14 the connector was built with, as
  $1 $(h5sparse_quoted_vol_args "$1")[your arguments]
so that it fails loudly when the connector cannot load (the environment variable
HDF5_VOL_CONNECTOR would let it fall back silently to the native connector).
Every argument is passed on unchanged. Builds the connector first when it is missing.
When $1 reports an error on a sparse group, \`h5sparse-check FILE\` names every broken group
and the rule it breaks (a group whose metadata cannot describe a matrix is shown as a group;
one whose values are broken fails the reads that touch them).

Environment: HDF5_PLUGIN_PATH is used as is when set (default: <build>/plugin and the compression
filter plugins of h5tools-scripts/bootstrap-filters);
H5SPARSE_VOL_INFO replaces the info string (e.g. 'under_vol=0;under_info={};conventions=anndata');
H5SPARSE_BUILD_DIR names the build (default: <checkout>/build).

What follows is $1's own help.
------------------------------------------------------------------------------------------
HELP
}

h5sparse_vol_args() {  # tool -> one argument per line
  local info=${H5SPARSE_VOL_INFO:-'under_vol=0;under_info={}'}
  if [ "$1" = h5diff ]; then
    printf '%s\n' --vol-name-1=h5sparse "--vol-info-1=$info" --vol-name-2=h5sparse "--vol-info-2=$info"
  else
    printf '%s\n' --vol-name=h5sparse "--vol-info=$info"
  fi
}

# The same, quoted for a shell, on one line (for the help text).
h5sparse_quoted_vol_args() {  # tool
  local arg
  while IFS= read -r arg; do
    if [[ $arg =~ ^[A-Za-z0-9_=./-]*$ ]]; then printf '%s ' "$arg"; else printf "'%s' " "$arg"; fi
  done < <(h5sparse_vol_args "$1")
}

h5sparse_run_tool() {  # tool [args...]
  local tool=$1 arg bindir plugin_path
  shift
  h5sparse_build=${H5SPARSE_BUILD_DIR:-$(dirname "$h5sparse_here")/build}
  if [ -n "${HDF5_PLUGIN_PATH:-}" ]; then
    plugin_path=$HDF5_PLUGIN_PATH
  else
    plugin_path=$h5sparse_build/plugin
    if [ ! -f "$plugin_path/libh5sparse_vol.so" ]; then
      [ "${H5SPARSE_NO_BUILD:-0}" = 1 ] && { h5sparse_say "error: no connector in $plugin_path (H5SPARSE_NO_BUILD=1)"; exit 2; }
      h5sparse_say "building the connector into $h5sparse_build"
      H5SPARSE_BUILD_DIR=$h5sparse_build "$h5sparse_here/h5sparse-build" >/dev/null
    fi
    local filters
    filters=$(h5sparse_filter_plugin_dir "$h5sparse_build")
    [ -n "$filters" ] && plugin_path=$plugin_path:$filters
  fi
  bindir=$(h5sparse_tool_bindir)
  [ -x "$bindir/$tool" ] || { h5sparse_say "error: $tool not found in $bindir"; exit 2; }

  for arg in "$@"; do
    case "$arg" in
      -h|-\?|--help) h5sparse_tool_help "$tool"; exec "$bindir/$tool" --help ;;
    esac
  done
  if ! h5sparse_plugin_present "$plugin_path"; then
    # The tool itself will fail; say why in words a user can act on.
    h5sparse_say "warning: no h5sparse connector in HDF5_PLUGIN_PATH=$plugin_path; $tool will refuse to open files (unset HDF5_PLUGIN_PATH to use $h5sparse_build/plugin)"
  fi
  unset HDF5_VOL_CONNECTOR
  export HDF5_PLUGIN_PATH=$plugin_path
  if compgen -G "$bindir/../lib/libhdf5.so*" >/dev/null; then
    LD_LIBRARY_PATH=$(cd "$bindir/../lib" && pwd)${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
    export LD_LIBRARY_PATH
  fi
  local vol=()
  mapfile -t vol < <(h5sparse_vol_args "$tool")
  exec "$bindir/$tool" "${vol[@]}" "$@"
}
