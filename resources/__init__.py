"""Content as data: Markdown guides and TOML lists, read through companion.content."""
