# Checks of refused commands, shared by the end-to-end tests; source after setup.bash (it uses $tmp
# and fail).

# expect_status STATUS TEXT COMMAND...: runs COMMAND with its stderr in $tmp/err, and fails unless it
# exits with STATUS ("nonzero": any status but 0) and its stderr holds TEXT.
expect_status() {
  local want=$1 text=$2 status=0
  shift 2
  "$@" 2>"$tmp/err" || status=$?
  if [ "$want" = nonzero ]; then
    [ "$status" -ne 0 ] || fail "$*: succeeded, expected a failure"
  else
    [ "$status" -eq "$want" ] || fail "$*: exit status $status, expected $want: $(head -c 500 "$tmp/err")"
  fi
  grep -qF -- "$text" "$tmp/err" || fail "$*: no '$text' in the message: $(head -c 500 "$tmp/err")"
}

# expect_dir_refusal WHAT DIR COMMAND...: COMMAND, which writes into DIR, is refused (exit status 2,
# a message that DIR is not empty and names --force) and leaves every file of DIR as it was.
expect_dir_refusal() {
  local what=$1 dir=$2 before
  shift 2
  before=$(cd "$dir" && find . -type f ! -name .accord-lock | sort | xargs sha256sum)
  expect_status 2 "is not empty" "$@"
  grep -q -- "--force" "$tmp/err" || fail "$what: message: $(cat "$tmp/err")"
  [ "$(cd "$dir" && find . -type f ! -name .accord-lock | sort | xargs sha256sum)" = "$before" ] ||
    fail "$what: changed the directory"
  echo "  $what: $(cat "$tmp/err")"
}
