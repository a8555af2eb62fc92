"""Journal files (TOML): import one, or print the JSON Schema they follow."""

from __future__ import annotations

from pathlib import Path

import click

from cli.context import Store, pass_store
from cli.output import done, print_json, progress_bar, warn
from commands.journal import import_journal, schema
from finsam_es.errors import NotFound


@click.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@pass_store
def import_cmd(store: Store, file: Path) -> None:
    """Import a journal file (TOML): a förbund, its board, meetings and money.

    All or nothing: if any entry is refused nothing is stored. Importing the same
    file again adds nothing.

    \b
    Example:
      finsam import examples/solleftea-2024.toml
    """
    if not file.exists():
        raise NotFound(f"{file}: no such file")
    with progress_bar(f"importing {file.name}") as advance:
        result = import_journal(store.app, file, progress=advance)
    warn(result.warnings)
    if result.new == 0:
        done(f"{file}: nothing new; all {result.entries} entries were already imported")
    else:
        done(
            f"{file}: imported {result.new} of {result.entries} entries for {result.forbund} ({result.events} events stored)"
        )


@click.group()
def journal() -> None:
    """The journal file format (TOML); see docs/journal.md.

    \b
    Example:
      finsam journal schema > journal.schema.json
    """


@journal.command("schema")
def journal_schema() -> None:
    """Print the JSON Schema of journal files.

    \b
    Example:
      finsam journal schema > journal.schema.json
    """
    print_json(schema())


COMMANDS = (
    import_cmd,
    journal,
)
