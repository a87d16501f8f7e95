"""The tumor board below the window: meetings, agenda, readiness, revisit, concordance, key facts,
slides, privacy and the open meeting's state, as pure Python over snapshots (no Qt, no database)."""
