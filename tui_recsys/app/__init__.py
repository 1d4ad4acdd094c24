"""The Textual app: screens, widgets and bindings; it calls the Engine and does no maths."""
