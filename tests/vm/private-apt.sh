# SPDX-License-Identifier: LGPL-2.1 OR BSD-2-Clause
#
# Sourced by fetch-kernel.sh and fetch-source.sh: a private apt state (its
# own sources, lists, cache and an empty dpkg status) so that looking up and
# downloading Debian packages installs nothing on the host.
#
# The caller defines die MSG, skip MSG and report DIR, sets fetch_name (the
# prefix of its messages) and fresh (a cached result to fall back on, or
# empty), and then calls
#
#	private_apt DIR MIRROR SUITE	sets apt_dir, apt_mirror and apt_opts (sid, plus
#					experimental when SUITE is experimental)
#	private_apt_update		apt-get update, with a timeout
#	fallback_or_skip MSG		report $fresh if set, else skip MSG

private_apt() {
	apt_dir=$1 apt_mirror=$2
	local suite=$3
	mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" ||
		die "cannot create $apt_dir"
	: >"$apt_dir/status"
	{
		echo "deb $apt_mirror sid main"
		[ "$suite" = experimental ] && echo "deb $apt_mirror experimental main"
	} >"$apt_dir/sources.list"
	apt_opts=(-o Dir::Etc::SourceList="$apt_dir/sources.list" -o Dir::Etc::SourceParts=/dev/null
		-o Dir::State::Lists="$apt_dir/lists" -o Dir::Cache="$apt_dir/cache"
		-o Dir::State::status="$apt_dir/status" -o Dir::Etc::Preferences=/dev/null
		-o Dir::Etc::PreferencesParts=/dev/null -o APT::Architecture=amd64
		-o Acquire::Check-Valid-Until=false -o Acquire::Retries=2
		-o Acquire::http::Timeout=20 -o Acquire::https::Timeout=20
		-o APT::Sandbox::User=root -q)
}

# A network failure is not fatal while an older cached result exists.
fallback_or_skip() {
	if [ -n "$fresh" ]; then
		echo "$fetch_name: $*; using the cached $(basename "$fresh")" >&2
		report "$fresh"
	fi
	skip "$*"
}

private_apt_update() {
	if ! timeout 180 apt-get "${apt_opts[@]}" update >"$apt_dir/update.log" 2>&1; then
		fallback_or_skip "apt-get update from $apt_mirror failed ($(tail -n 1 "$apt_dir/update.log"))"
	fi
}
