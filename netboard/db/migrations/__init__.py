"""Alembic environment and revisions of the NETboard schema (shipped inside the package)."""
