"""The Qt user interface: main window, timeline, guide panel and dialogs."""
