# sweep_state_of DIR: the state file (.accord-sweep) that the sweep whose finished manifest is
# DIR/manifest.json wrote while it ran (its fingerprints), so that a test can build the directory an
# interrupted sweep leaves (tests/cli/sweep_finish_window.sh, sweep_resume_cut.sh).
sweep_state_of() {
  local key
  for key in scenario_sha256 inputs_sha256 options_sha256 design points replications shard; do
    printf '%s=%s\n' "$( [ "$key" = options_sha256 ] && echo fingerprint || echo "$key")" \
      "$(sed -n "s/^  \"$key\": \"\{0,1\}\([^\",]*\)\"\{0,1\},\{0,1\}\$/\1/p" "$1/manifest.json")"
  done
}
