# Shared start of the end-to-end tests: `. "$(dirname "$0")/lib/setup.bash" "$@"` gives
# $accord (the binary under test), $src (the source tree, also the working directory), $tmp (a
# directory removed on exit) and fail MESSAGE.
accord=$1
src=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail() { echo "FAIL: $*" >&2; exit 1; }
cd "$src"
