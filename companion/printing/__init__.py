"""Printing: pure domain -> HTML renderers, then QTextDocument -> printer or PDF."""
