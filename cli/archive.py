"""`finsam archive --year Y --output DIR|F.zip`: the year's archive package (e-arkiv,
E-ARK SIP) for delivery to the förbund's archive. What goes in it is
projections/archive.py's; its METS.xml projections/mets.py's; this module writes it,
all or nothing: into a hidden folder beside the target, renamed into place at the end.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
import zipfile
from collections import Counter
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

import click

from cli.context import Store, pass_store
from cli.options import YEAR, forbund_option, format_option
from cli.output import console, done, note, print_json, progress_bar
from finsam_es.errors import FinsamError
from projections import archive, mets

PARTIAL = ".finsam-partial-"  # a package being written: <parent>/.<name>.finsam-partial-<pid>


@click.command("archive")
@click.option("--year", type=YEAR, required=True, help="The year whose records to archive.")
@click.option(
    "--output",
    "-o",
    required=True,
    type=click.Path(path_type=Path),
    metavar="DIR|FILE.zip",
    help="A new (or empty) directory, or a new .zip file.",
)
@forbund_option
@format_option()
@pass_store
def archive_cmd(store: Store, year: int, output: Path, forbund: str | None, fmt: str) -> None:
    """The year's archive package (e-arkivpaket) in the E-ARK SIP layout Riksarkivet's
    FGS builds on: the adjusted protokoll with a protokollsutdrag of each §, the
    kallelser, the annual report (all PDF/A), the diarium's documents as received, the
    audit bundle, and METS.xml listing every file with its SHA-256. Written whole or
    not at all; an existing package is never overwritten.

    \b
    Examples:
      finsam archive --year 2024 --output arkiv-2024
      finsam archive --year 2024 --output arkiv-2024.zip --format json
    """
    as_zip = output.suffix.lower() == ".zip"
    _refuse_existing(output, as_zip)
    name = output.stem if as_zip else output.name
    if not name or name.startswith("."):
        raise click.BadParameter("give the package a name", param_hint="'--output'")
    parent = output.absolute().parent
    if not parent.is_dir():
        raise FinsamError(f"--output {output}: mappen {parent} finns inte")
    plan = archive.plan(store.reader, forbund, year)
    try:
        _remove_stale(parent, output.name)
        work = Path(tempfile.mkdtemp(prefix=f".{output.name}{PARTIAL}{os.getpid()}-", dir=parent))
    except OSError as e:
        raise FinsamError(f"--output {output}: kan inte skriva i {parent} ({e.strerror})") from None
    try:
        root = work / name
        root.mkdir()
        packed = _write(root, name, plan)
        if as_zip:
            _zip(work, name, output)
        else:
            _move_into_place(root, output)
    except OSError as e:
        raise FinsamError(
            f"--output {output}: kan inte skriva paketet ({e.strerror}): inget av det finns kvar"
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    kinds = Counter(p.kind for p in plan.parts)
    summary = {
        "output": str(output),
        "forbund": plan.forbund,
        "year": year,
        "files": len(packed),
        "bytes": sum(p.size for p in packed),
        "kinds": dict(sorted(kinds.items())),
        "left_out": list(plan.left_out),
    }
    if fmt == "json":
        print_json(summary)
        return
    for why in plan.left_out:
        note(f"inte med: {why}")
    console().print(", ".join(f"{mets.KINDS.get(k, k)}: {n}" for k, n in sorted(kinds.items())))
    done(f"{output}: arkivpaket {year} med {summary['files']} filer")


def _refuse_existing(output: Path, as_zip: bool) -> None:
    if as_zip and output.exists():
        raise FinsamError(f"{output} finns redan: välj ett nytt filnamn")
    if not as_zip and output.exists() and (not output.is_dir() or any(output.iterdir())):
        raise FinsamError(f"{output} finns redan och är inte en tom mapp: välj en ny mapp")


def _remove_stale(parent: Path, name: str) -> None:
    """A package a killed run began (its process gone) is removed before writing anew."""
    prefix = f".{name}{PARTIAL}"
    for path in parent.iterdir():  # not glob: a name may hold [ or *
        if not path.name.startswith(prefix):
            continue
        pid = path.name[len(prefix) :].split("-", 1)[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: alive
        return True
    return True


def _write(root: Path, name: str, plan: archive.Plan) -> list[mets.Packed]:
    """Every file of the package under ``root``, then METS.xml last (which lists every
    file but itself); all of them as written."""
    packed: list[mets.Packed] = []

    def put(path: str, mimetype: str, data: bytes) -> None:
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data)
        packed.append(mets.Packed(path, mimetype, len(data), hashlib.sha256(data).hexdigest()))

    with progress_bar(f"arkivpaket {plan.year}", len(plan.parts)) as advance:
        for part in plan.parts:
            put(part.path, part.mimetype, part.make())
            advance(1)
    kinds = Counter(p.kind for p in plan.parts)
    package = mets.Package(
        objid=name,
        label=f"{plan.forbund_name}, arkivpaket {plan.year}",
        forbund_name=plan.forbund_name,
        orgnr=plan.orgnr,
        created=datetime.now(UTC),
        software_version=_version(),
    )
    put("metadata/descriptive/dc.xml", "text/xml", mets.dublin_core(package, plan.year, kinds))
    put(
        "documentation/om-arkivpaketet.md",
        "text/markdown",
        mets.documentation(package, plan.year, kinds, plan.left_out),
    )
    for schema in mets.SCHEMAS:
        put(f"schemas/{schema}", "text/xml", mets.schema(schema))
    description = mets.mets_xml(package, packed)
    (root / "METS.xml").write_bytes(description)
    sha256 = hashlib.sha256(description).hexdigest()
    return [*packed, mets.Packed("METS.xml", "text/xml", len(description), sha256)]


def _version() -> str:
    try:
        return version("finsam")
    except PackageNotFoundError:  # run from a checkout without installing
        return "0"


def _zip(work: Path, name: str, output: Path) -> None:
    """The package as a zip with its root folder inside, linked into place only when
    whole: a zip that exists is never half written nor overwritten."""
    temporary = work / f"{name}.zip"
    with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED) as z:
        for path in sorted((work / name).rglob("*")):
            z.write(path, path.relative_to(work).as_posix())
    try:
        os.link(temporary, output)
    except FileExistsError:
        raise FinsamError(f"{output} finns redan: välj ett nytt filnamn") from None


def _move_into_place(root: Path, output: Path) -> None:
    if output.is_dir():
        output.rmdir()  # empty (checked before): the package takes its place
    os.rename(root, output)


COMMANDS = (archive_cmd,)
