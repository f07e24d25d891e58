"""``python -m companion``: the same as the ``companion`` launcher."""

from companion.app import main

raise SystemExit(main())
