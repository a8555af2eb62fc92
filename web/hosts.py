"""Which host names the web view answers to."""

from __future__ import annotations

import ipaddress


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def host_name(header: str) -> str:
    """The name in a Host header, without its port, lower case: ``[::1]:8000`` is ``::1``."""
    header = header.strip().lower()
    if header.startswith("["):
        name, _, _rest = header[1:].partition("]")
        return name
    if header.count(":") > 1:  # an IPv6 address without brackets or port (a name we allow)
        return header
    name, colon, port = header.rpartition(":")
    return name if colon and port.isascii() and port.isdigit() else header


def allowed_hosts(
    given: tuple[str, ...] = (), environ: str = "", bound: str = ""
) -> frozenset[str]:
    """The names the view answers to: loopback always, the address it is bound to when
    that is one address (not 0.0.0.0 or ::), and those given (--allowed-host, or
    FINSAM_WEB_HOSTS separated by commas or spaces). Any other Host is a DNS rebinding
    or a misdirected request: a page on another name must not read the books."""
    names = {*LOOPBACK_NAMES, *given, *environ.replace(",", " ").split()}
    if bound and bound not in ("0.0.0.0", "::", "[::]"):
        names.add(bound)
    return frozenset(host_name(n) for n in names if n.strip())
