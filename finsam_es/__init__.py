"""finsam domain: values, events, aggregates, their rules and the errors they raise.

Nothing in this package reads files, the clock, the environment or the terminal, or
touches the database (the event store is store/): callers pass dates and timestamps in.
"""
