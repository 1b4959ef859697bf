"""The ground floor: settings, the clock, file and lock helpers, Markdown escaping. Imports
nothing of the other rooms."""
