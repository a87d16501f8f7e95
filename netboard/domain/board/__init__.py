"""The board's logic below the window: pure Python over snapshots (no Qt, no database)."""
