"""finsam domain: values, events, aggregates and the event-store application.

Nothing in this package reads files, the clock or the terminal: callers pass
dates and timestamps in.
"""
