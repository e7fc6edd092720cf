"""`advisor serve`: the web app. Binds 127.0.0.1 by default; a public share link only with --share."""

from __future__ import annotations

import ipaddress
import signal
import time
from typing import Any

import click

from app.errors import AdvisorError
from app.settings import Settings


def _is_loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def _interrupt(signum: int, frame: Any) -> None:
    raise KeyboardInterrupt  # SIGTERM (a service manager's stop) shuts down like Ctrl-C


@click.command("serve")
@click.option("--host", default=None, help="Address to bind (default ADVISOR_HOST, 127.0.0.1: this machine only).")
@click.option("--port", type=click.IntRange(1, 65535), default=None, help="Port (default ADVISOR_PORT, 7860).")
@click.option("--share", is_flag=True, help="Also open a public *.gradio.live link (needs internet; off by default).")
@click.pass_obj
def serve_cmd(settings: Settings, host: str | None, port: int | None, share: bool) -> None:
    """Serve the chat, compare and cost web app. ADVISOR_AUTH=user:password turns on a login."""
    settings = settings.model_copy(update={k: v for k, v in {"host": host, "port": port}.items() if v is not None})
    from app.ui.presenters import parse_auth

    parse_auth(settings.auth)  # a malformed ADVISOR_AUTH fails before the slow start, not after
    if not _is_loopback(settings.host) and not settings.auth:
        click.echo(f"warning: serving on {settings.host} without ADVISOR_AUTH: anyone who can reach it can use it",
                   err=True)  # fmt: skip
    signal.signal(signal.SIGTERM, _interrupt)
    t0 = time.perf_counter()
    click.echo("Opening the index (the first start builds it: about 20 s)…", err=True)
    from app.wiring import build_advisor

    adv = build_advisor(settings, log=lambda m: click.echo(f"  {m}", err=True))
    click.echo("Starting the web app…", err=True)
    from app.ui.app import build_app, launch

    demo = build_app(adv, settings)
    try:
        try:
            url, share_url = launch(demo, settings, share=share)
        except OSError as e:  # Gradio's own message points at its env vars; say what to do here instead
            raise AdvisorError(
                f"cannot listen on {settings.host}:{settings.port}: the port is in use; try --port"
            ) from e
        login = " (login required)" if settings.auth else ""
        click.echo(f"Advisor ready in {time.perf_counter() - t0:.1f} s at {url}{login}")
        if share_url:
            click.echo(f"Public share link (anyone with it can use the app): {share_url}")
        elif share:
            click.echo("warning: no share link could be opened (is there internet access?)", err=True)
        click.echo("Press Ctrl-C to stop.", err=True)
        demo.block_thread()  # returns on Ctrl-C or SIGTERM
    except KeyboardInterrupt:
        pass  # stopped before block_thread was reached
    finally:
        demo.close()
    click.echo("stopped", err=True)
