#!/bin/sh
# Installs what ConsoleBrowserTest needs when it is missing: Debian's Chromium and its driver,
# and a small CJK font so screenshots of the Chinese console show text, not boxes.
set -eu
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
[ -x /usr/bin/chromedriver ] || need="$need chromium-driver"
fc-list 2>/dev/null | grep -qi "wqy\|noto sans cjk" || need="$need fonts-wqy-microhei"
if [ -n "$need" ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update
  # shellcheck disable=SC2086
  $SUDO apt-get install -y $need
fi
/usr/bin/chromium --version
/usr/bin/chromedriver --version
