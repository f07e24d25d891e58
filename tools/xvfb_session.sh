#!/bin/bash
# Try the real window as a user would, on a real (virtual) X screen with a window manager:
#   tools/xvfb_session.sh WIDTHxHEIGHT [SCALE] [OUT]
# A diary with an open emergency card is made with the command line; the app is started
# with the AT-SPI bridge on (QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1) under openbox; xdotool types
# a temperature (Ctrl+T, 37.2, Enter) and presses Ctrl+E; pyatspi walks the tree and listens
# for focus and announcement events. Needs xvfb, openbox, xdotool, imagemagick, dbus,
# at-spi2-core and python3-pyatspi (Debian's python3). Prints what it saw; screenshots and
# logs go to OUT (default /tmp/xvfb-session-SIZE).
set -u
SIZE=${1:-1366x768}
SCALE=${2:-1}
OUT=${3:-/tmp/xvfb-session-$SIZE-$SCALE}
HERE=$(cd "$(dirname "$0")/.." && pwd)
COMPANION=${COMPANION:-$HERE/.venv/bin/companion}
mkdir -p "$OUT"
rm -f "$OUT/pages.txt"
DATA=$(mktemp -d)
TODAY=$(date +%F)
DAY0=$(date -d "$TODAY -12 days" +%F)
COND=$(date -d "$TODAY -18 days" +%F)
"$COMPANION" --data-dir "$DATA" setup --kind allogeneic --source peripheral-blood \
    --day0 "$DAY0" --conditioning-start "$COND" --team "Riverside Transplant Unit" \
    --office-phone "020 7946 0123" --after-hours-phone "020 7946 0999" --country GB
"$COMPANION" --data-dir "$DATA" log symptom chest-pain --severity mild
"$COMPANION" --data-dir "$DATA" alerts

cat > "$OUT/inner.sh" <<INNER
set -u
/usr/libexec/at-spi-bus-launcher --launch-immediately &
sleep 1
openbox >/dev/null 2>&1 &
sleep 1
export QT_LINUX_ACCESSIBILITY_ALWAYS_ON=1 QT_SCALE_FACTOR=$SCALE
/usr/bin/python3 "$HERE/tools/atspi_walk.py" listen 40 > "$OUT/events.txt" 2>&1 &
"$COMPANION" --data-dir "$DATA" > "$OUT/app.txt" 2>&1 &
APP=\$!
WID=\$(xdotool search --sync --name "Transplant Companion" | head -1)
sleep 3
xdotool getwindowgeometry "\$WID" > "$OUT/geometry.txt"
xwininfo -root | grep -E "Width|Height" >> "$OUT/geometry.txt"
import -window root "$OUT/1-start.png"
/usr/bin/python3 "$HERE/tools/atspi_walk.py" check > "$OUT/check.txt" 2>&1
/usr/bin/python3 "$HERE/tools/atspi_walk.py" tree > "$OUT/tree.txt" 2>&1
xdotool windowactivate --sync "\$WID"
xdotool key --clearmodifiers ctrl+t
sleep 0.5
xdotool type --delay 80 "37.2"
xdotool key Return
sleep 1
import -window root "$OUT/2-after-temperature.png"
xdotool key --clearmodifiers ctrl+e
sleep 2
xdotool search --name "Add to the diary" > "$OUT/ctrl-e.txt" && echo "Ctrl+E opened: Add to the diary" >> "$OUT/ctrl-e.txt" || echo "Ctrl+E: no dialog" >> "$OUT/ctrl-e.txt"
import -window root "$OUT/3-ctrl-e.png"
xdotool key Escape
sleep 1
xdotool key --clearmodifiers ctrl+l
sleep 1
xdotool key Tab Tab Tab Tab
sleep 0.5
import -window root "$OUT/4-log-tab.png"
xdotool key --clearmodifiers ctrl+2
sleep 2
import -window root "$OUT/5-journey.png"
for PAGE in 1 2 3 4 5 7; do
  xdotool key --clearmodifiers ctrl+\$PAGE
  sleep 1.5
  echo "== page Ctrl+\$PAGE" >> "$OUT/pages.txt"
  /usr/bin/python3 "$HERE/tools/atspi_walk.py" check >> "$OUT/pages.txt" 2>&1
done
sleep 2
kill \$APP
wait \$APP 2>/dev/null
INNER
xvfb-run -a -s "-screen 0 ${SIZE}x24" dbus-run-session -- bash "$OUT/inner.sh"
echo "== geometry"; cat "$OUT/geometry.txt"
echo "== Ctrl+E"; cat "$OUT/ctrl-e.txt"
echo "== AT-SPI check"; cat "$OUT/check.txt"
echo "== AT-SPI check, page by page"; cat "$OUT/pages.txt"
echo "== events (first 40)"; head -40 "$OUT/events.txt"
rm -rf "$DATA"
