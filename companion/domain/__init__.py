"""Pure-Python core: the journey, its day clock, phases, milestones and rules. No Qt, no SQL."""
