"""Data that moves: offline case bundles (export, working copy, three-way merge back)."""
