"""Transplant Companion: a private diary and organiser for a stem cell transplant."""

__version__ = "0.1.0"
