"""Qt item models: thin adapters over what ``db.queries`` returns."""
