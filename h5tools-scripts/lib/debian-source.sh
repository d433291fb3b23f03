# Sourced by the bootstrap scripts: fetch a Debian source package's upstream tarball from the
# mirror this machine's apt already uses, under a private apt configuration (the machine's own
# sources stay untouched). Needs $cache (the project's cache folder) and a say() function.
#
#   debian_orig_tarball <suite> <package> <into-dir>   prints the path of the .orig tarball

debian_orig_tarball() {
  local suite=$1 package=$2 into=$3 found
  found=$(ls "$into/${package}"_*.orig.tar.* 2>/dev/null | head -n1 || true)
  if [ -z "$found" ]; then
    local mirror
    mirror=$("$(dirname "${BASH_SOURCE[0]}")/../debian-mirror" || true)
    [ -n "$mirror" ] || { say "error: cannot find a Debian mirror in /etc/apt"; return 1; }
    local apt_dir="$cache/apt-$suite"
    mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/etc/sources.list.d" \
             "$apt_dir/etc/preferences.d" "$into"
    echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $suite main" >"$apt_dir/etc/sources.list"
    local apt_opts=(-o "Dir::Etc::SourceList=$apt_dir/etc/sources.list" -o "Dir::Etc::SourceParts=$apt_dir/etc/sources.list.d"
                    -o "Dir::Etc::Preferences=$apt_dir/etc/preferences" -o "Dir::Etc::PreferencesParts=$apt_dir/etc/preferences.d"
                    -o "Dir::State::Lists=$apt_dir/lists" -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root"
                    -o "Debug::NoLocking=1")
    say "fetching Debian's $suite $package source from $mirror"
    apt-get "${apt_opts[@]}" -qq update >&2
    # Only the upstream tarball is needed; a mirror that lacks the Debian part (404) still
    # delivers it, so apt's complaints about the rest go to a log, not to the user.
    # --only-source: the source package of that name, not the source of a same-named binary
    # installed on this machine (its version may not exist in the suite).
    (cd "$into" && apt-get "${apt_opts[@]}" -qq --download-only --only-source source "$package" >"$apt_dir/source-$package.log" 2>&1) || true
    found=$(ls "$into/${package}"_*.orig.tar.* 2>/dev/null | head -n1 || true)
    [ -n "$found" ] || { say "error: apt-get source $package delivered no upstream tarball"; return 1; }
  fi
  echo "$found"
}
