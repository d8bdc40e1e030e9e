"""What the `archiver` command reports to its user as one line, without a traceback."""


class CommandError(Exception):
    """A subcommand cannot do what it was asked (a missing archive, a port in use, a missing
    optional package): the message says why, and what to do."""
