#!/usr/bin/python3
"""Walk the app's AT-SPI tree the way a screen reader sees it (run with Debian's python3,
which has pyatspi, inside the session tools/xvfb_session.sh starts).

``atspi_walk.py tree``   prints every visible object: role, name, description, states;
``atspi_walk.py check``  lists interactive objects without a name or named only by their
                         value (a combo box counts its labelled-by label), and says whether
                         an alert-role object is there;
``atspi_walk.py listen SECONDS``  prints focus, announcement and show events meanwhile.
"""

import sys
import time

import pyatspi

INTERACTIVE = {
    "push button",
    "check box",
    "radio button",
    "combo box",
    "entry",
    "text",
    "spin button",
    "list",
    "table",
    "page tab",
    "page tab list",
    "slider",
    "chart",
    "link",
    "toggle button",
}


def app():
    desktop = pyatspi.Registry.getDesktop(0)
    for index in range(desktop.childCount):
        child = desktop.getChildAtIndex(index)
        if child is not None and "TransplantCompanion" in (child.name or ""):
            return child
    names = [desktop.getChildAtIndex(i).name for i in range(desktop.childCount)]
    raise SystemExit(f"the app is not on the AT-SPI bus (applications: {names})")


def walk(node, depth=0):
    # (No "seen" set: pyatspi's objects are short-lived proxies, and their id() is reused.)
    if node is None or depth > 60:
        return
    states = node.getState()
    if not states.contains(pyatspi.STATE_SHOWING) and depth > 1:
        return
    yield depth, node
    for index in range(node.childCount):
        try:
            yield from walk(node.getChildAtIndex(index), depth + 1)
        except Exception:  # an object gone while walking
            continue


def value_of(node):
    try:
        return node.queryText().getText(0, -1)
    except NotImplementedError:
        pass
    try:
        return str(node.queryValue().currentValue)
    except NotImplementedError:
        return ""


def labels(node):
    found = []
    for relation in node.getRelationSet():
        if relation.getRelationType() == pyatspi.RELATION_LABELLED_BY:
            for index in range(relation.getNTargets()):
                found.append(relation.getTarget(index).name)
    return found


def tree():
    for depth, node in walk(app()):
        states = [pyatspi.stateToString(s) for s in node.getState().getStates()]
        keep = [s for s in states if s in ("focusable", "focused", "checked", "selected")]
        description = (node.description or "").replace("\n", " / ")[:100]
        print(f"{'  ' * depth}{node.getRoleName()}: {node.name!r} {description!r} {keep}")


def check():
    problems, alerts, count = [], [], 0
    for _depth, node in walk(app()):
        role = node.getRoleName()
        if role in ("alert", "notification"):
            alerts.append((node.name, (node.description or "")[:160]))
        if role not in INTERACTIVE:
            continue
        count += 1
        name, value = (node.name or "").strip(), value_of(node).strip()
        if role == "combo box":
            own = [label for label in labels(node) if label and label != value]
            if not own:
                problems.append(f"combo box {name!r}: no label but its value {value!r}")
        elif not name:
            problems.append(f"{role}: no name (value {value!r})")
        elif value and name == value and role not in ("push button", "link", "page tab"):
            problems.append(f"{role} {name!r}: named only by its value")
    print(f"interactive objects: {count}")
    print(f"alert-role objects: {alerts}")
    print(f"problems: {len(problems)}")
    for problem in problems:
        print("  ", problem)


def listen(seconds):
    def show(event):
        source = event.source
        try:
            name, role = source.name, source.getRoleName()
        except Exception:
            name, role = "?", "?"
        extra = event.any_data if isinstance(event.any_data, str) else ""
        print(f"{event.type}: {role} {name!r} {extra!r}", flush=True)

    types = [
        "object:state-changed:focused",
        "object:announcement",
        "object:state-changed:showing",
        "object:property-change:accessible-name",
    ]
    pyatspi.Registry.registerEventListener(show, *types)
    end = time.time() + seconds

    def stop():
        if time.time() > end:
            pyatspi.Registry.stop()
            return False
        return True

    from gi.repository import GLib

    GLib.timeout_add(200, stop)
    pyatspi.Registry.start()


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else "check"
    if command == "tree":
        tree()
    elif command == "listen":
        listen(float(sys.argv[2]) if len(sys.argv) > 2 else 10)
    else:
        check()
