"""Reminders for real (issue 20): a notification server, a D-Bus session, a tray, no window.

Run it inside its own D-Bus session, with Xvfb, openbox, trayer and dunst installed:

    dbus-run-session -- python tools/reminders_e2e.py [--idle-minutes N]

It starts Xvfb, openbox, a tray (trayer) and dunst (its context menu answered by a script
that picks the "Taken" action), makes a diary with two medicines due in the next
minutes, and starts ``companion --tray`` (the window closed, as at login). Then it checks:

1. the first dose's notification appears at its time, with "Taken" and "Snooze 10 min";
2. choosing "Taken" in dunst records the dose (read back with ``companion medicine due``);
3. the second dose, unanswered, counts as missed after the delay and a "Dose missed"
   notification says so;
4. idle: the tray app's context switches (all threads, /proc/PID/task/*/status) over the
   quiet minutes, and its resident memory, against the window's (``companion`` opened).

Prints one line per check and the figures; exits 1 if a check fails.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYTHON = sys.executable
sys.path.insert(0, str(ROOT))


def companion(data: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [PYTHON, str(ROOT / "main.py"), "--data-dir", str(data), *args],
        capture_output=True,
        text=True,
        timeout=120,
    )


def wait_for(check, timeout: float, every: float = 1.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        found = check()
        if found:
            return found
        time.sleep(every)
    return None


def history() -> list[dict]:
    out = subprocess.run(["dunstctl", "history"], capture_output=True, text=True).stdout
    try:
        data = json.loads(out)["data"][0]
    except (ValueError, KeyError, IndexError):
        return []
    return [{k: v.get("data") for k, v in item.items()} for item in data]


def displayed() -> int:
    out = subprocess.run(["dunstctl", "count", "displayed"], capture_output=True, text=True)
    return int(out.stdout.strip() or 0)


def switches(pid: int) -> int:
    total = 0
    for task in Path(f"/proc/{pid}/task").iterdir():
        for line in (task / "status").read_text().splitlines():
            if line.startswith(("voluntary_ctxt_switches", "nonvoluntary_ctxt_switches")):
                total += int(line.split()[1])
    return total


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--idle-minutes", type=float, default=3.0)
    parser.add_argument("--display", default=":87")
    args = parser.parse_args()
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        print("run me inside dbus-run-session", file=sys.stderr)
        return 2
    for tool in ("Xvfb", "openbox", "trayer", "dunst", "dunstctl"):
        if shutil.which(tool) is None:
            print(f"{tool} is not installed", file=sys.stderr)
            return 2
    work = Path(tempfile.mkdtemp(prefix="reminders-e2e-"))
    # The app writes its autostart entry the first time it runs with a tray: keep it here.
    env = dict(os.environ, DISPLAY=args.display, XDG_CONFIG_HOME=str(work / "config"))
    env.pop("QT_QPA_PLATFORM", None)
    os.environ.update(env)
    os.environ.pop("QT_QPA_PLATFORM", None)
    picker = work / "pick-first.sh"
    # dunst lists the actions (sorted) for dmenu as "#Label (summary) [id,action]".
    picker.write_text("#!/bin/sh\ngrep -m 1 ',taken\\]'\n")
    picker.chmod(0o755)
    config = work / "dunstrc"
    config.write_text(
        f'[global]\n    dmenu = "{picker}"\n    idle_threshold = 0\n'
        "    sticky_history = yes\n    history_length = 50\n"
    )
    helpers = [
        subprocess.Popen(["Xvfb", args.display, "-screen", "0", "1280x800x24"]),
    ]
    time.sleep(1.5)
    helpers += [
        subprocess.Popen(["openbox"], env=env, stderr=subprocess.DEVNULL),
        subprocess.Popen(["trayer", "--edge", "top"], env=env, stderr=subprocess.DEVNULL),
        subprocess.Popen(["dunst", "-config", str(config)], env=env, stderr=subprocess.DEVNULL),
    ]
    time.sleep(2)
    failures = 0
    app = None
    try:
        data = work / "diary"
        made = companion(
            data, "setup", "--kind", "allogeneic", "--source", "peripheral-blood",
            "--day0", (datetime.now() - timedelta(days=30)).date().isoformat(),
            "--conditioning-start", (datetime.now() - timedelta(days=36)).date().isoformat(),
            "--team", "City Unit", "--office-phone", "020 7946 0100",
            "--after-hours-phone", "020 7946 0200",
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
        from companion.service.diary import DiaryService

        service = DiaryService.open(data / "companion.db")
        service.settings.save(
            preferences={"medicine_missed_minutes": "10", "temperature_check_times": "none"}
        )
        service.close()
        now = datetime.now().astimezone()
        first = (now + timedelta(minutes=2)).replace(second=0, microsecond=0)
        second = first + timedelta(minutes=1)
        for name, at in (("Tacrolimus", first), ("Magnesium", second)):
            added = companion(
                data, "medicine", "add", name, "--dose", "2 mg", "--times", f"{at:%H:%M}",
                "--from", at.date().isoformat(),
            )  # fmt: skip
            assert added.returncode == 0, added.stderr
        app = subprocess.Popen(
            [PYTHON, str(ROOT / "main.py"), "--data-dir", str(data), "--tray"], env=env
        )
        print(f"tray app started (pid {app.pid}); first dose at {first:%H:%M:%S}")

        # 1. The notification appears at its time.
        def first_shown():
            return next((n for n in history() if "Tacrolimus" in (n.get("summary") or "")), None)

        shown = wait_for(lambda: displayed() > 0 or first_shown(), 240)
        seen = datetime.now().astimezone()
        late = (seen - first).total_seconds()
        ok = shown is not None and -1 <= late <= 65
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'}: 1. a notification appeared {late:.0f} s after its time")

        # 2. "Taken" in dunst's menu records the dose.
        subprocess.run(["dunstctl", "context"], env=env)

        def taken():
            out = companion(data, "medicine", "due", "--json")
            found = json.loads(out.stdout or "[]")
            return next(
                (d for d in found if d["name"] == "Tacrolimus" and d["status"] == "taken"), None
            )

        ok = wait_for(taken, 30) is not None
        failures += not ok
        print(f"{'ok' if ok else 'FAIL'}: 2. 'Taken' chosen in the notification recorded the dose")

        # 4. Idle figures while nothing falls due (between the doses' reminders).
        time.sleep(20)
        before, start = switches(app.pid), time.monotonic()
        time.sleep(args.idle_minutes * 60)
        after, spent = switches(app.pid), time.monotonic() - start
        per_minute = (after - before) / (spent / 60)
        tray_rss = rss_kb(app.pid)
        print(
            f"idle: {after - before} context switches in {spent / 60:.1f} min "
            f"({per_minute:.1f} a minute, all threads); tray RSS {tray_rss / 1024:.1f} MB"
        )

        # 3. The second dose unanswered: repeated within the delay, then missed.
        missed_at = second + timedelta(minutes=10)
        wait = (missed_at - datetime.now().astimezone()).total_seconds() + 70
        if wait > 0:
            time.sleep(wait)
        out = companion(data, "medicine", "due", "--json")
        status = next(
            (d["status"] for d in json.loads(out.stdout or "[]") if d["name"] == "Magnesium"),
            None,
        )
        summaries = [n.get("summary") or "" for n in history()]
        told = any("Dose missed" in s for s in summaries) or displayed() > 0
        shown_times = sum("Magnesium" in s for s in summaries)
        ok = status == "missed" and told
        failures += not ok
        print(
            f"{'ok' if ok else 'FAIL'}: 3. unanswered: shown, then status {status!r}, "
            f"'Dose missed' told: {told} (Magnesium notifications in history: {shown_times})"
        )
        app.terminate()
        app.wait(20)
        app = None

        # The window's memory, for comparison.
        window = subprocess.Popen([PYTHON, str(ROOT / "main.py"), "--data-dir", str(data)], env=env)
        time.sleep(15)
        window_rss = rss_kb(window.pid)
        window.terminate()
        window.wait(20)
        print(f"RSS: tray only {tray_rss / 1024:.1f} MB, window open {window_rss / 1024:.1f} MB")
    finally:
        if app is not None:
            app.terminate()
        for helper in reversed(helpers):
            helper.terminate()
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
