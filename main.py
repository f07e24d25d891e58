"""Start Transplant Companion: ``python main.py --help``."""

from companion.app import main

raise SystemExit(main())
