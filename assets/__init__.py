"""Files the app ships: its stylesheet."""
