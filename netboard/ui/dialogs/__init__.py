"""Forms and message dialogs."""
