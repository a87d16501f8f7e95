"""Render the documentation screenshots offscreen from fresh demo databases (synthetic data only).

    python -m tools.screenshots [FOLDER] [--set case|meeting|considerations|laptop] ...

Each set writes its PNGs into FOLDER (default docs/screenshots); without ``--set`` every set is
rendered, the laptop set in a child process of its own (it needs a 1366x768 offscreen screen
before Qt starts).
"""
