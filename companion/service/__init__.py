"""The diary service: the one Qt-free place that owns the open diary and every worked-out
fact (the journey with its recovery date, phases, open alerts, checklist progress). The
window, the command line, printing and exports all ask it, and change the diary through it.
"""
