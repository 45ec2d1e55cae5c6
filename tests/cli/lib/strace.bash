# under_strace ARGS...: `strace ARGS...` (a test that kills or fails a command at a chosen system call).
# LeakSanitizer cannot run under ptrace: in the sanitized build (.ci/test sets detect_leaks=1) a traced
# accord that ends normally would abort at its leak check, so leaks are not checked in traced runs (the
# same commands run untraced elsewhere in the suite).
command -v strace > /dev/null || fail "strace is needed (.ci/install-deps installs it)"
under_strace() {
  ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0" strace "$@"
}
