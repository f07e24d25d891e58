"""Loads content from resources/ (guides, checklists) into domain objects. No Qt."""
