"""`reports-tui serve` without a browser: the command each tab runs, the host checks, the messages."""

from __future__ import annotations

import importlib.util
import os
import shlex
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from tui import cli
from tui.app.delivery import FALLBACK_NAME, download_name
from tui.serve import INSTALL_HINT, app_command

needs_web = pytest.mark.skipif(
    importlib.util.find_spec("textual_serve") is None, reason="the web extra is not installed"
)


def test_app_command_quotes_every_path_and_passes_the_config(tmp_path: Path) -> None:
    hostile = [str(tmp_path / "a b; rm -rf ~ $(touch x) `id` 'q\"\n"), "-v", "summarize", "relative/bài.txt"]
    command = app_command(hostile, "my config.toml", no_cache=True)
    argv = shlex.split(command)
    assert argv[:3] == [sys.executable, "-m", "tui"]
    assert argv[3:6] == ["--config", os.path.abspath("my config.toml"), "--no-cache"]
    # every path arrives whole and absolute: never an option, a subcommand or shell syntax
    assert argv[6:] == [os.path.abspath(p) for p in hostile]


def test_app_command_runs_through_a_shell_without_running_what_a_name_says(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    name = "x $(touch ran1) `touch ran2`; touch ran3 'y"
    command = app_command([name], None, no_cache=False).replace(f"{sys.executable} -m tui", "printf '%s\\n'", 1)
    out = subprocess.run(command, shell=True, cwd=tmp_path, capture_output=True, text=True, check=True).stdout
    assert out == f"{tmp_path / name}\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith("ran")]


def test_app_command_without_config_or_paths_lets_the_app_find_its_defaults() -> None:
    assert shlex.split(app_command([], None, no_cache=False)) == [sys.executable, "-m", "tui"]


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Báo cáo tổng kết.summary.md", "bao_cao_tong_ket.summary.md"),
        ('Đà Nẵng; 2024 "x".md', "da_nang_2024_x_.md"),
        ("..hidden.md", "hidden.md"),
        ("中文", FALLBACK_NAME),
        ("a\r\nContent-Type: x.md", "a_content-type_x.md"),
    ],
)
def test_download_names_are_header_safe_tokens(name: str, expected: str) -> None:
    assert download_name(name) == expected


def test_serve_without_the_web_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "textual_serve" else real(name, *a)
    )
    assert cli.main(["serve"]) == 2
    err = capsys.readouterr().err
    assert err == f"reports-tui: {INSTALL_HINT}\n"
    assert "pip install -e '.[web]'" in err


@pytest.mark.parametrize("port", ["0", "65536", "http"])
def test_serve_refuses_a_port_out_of_range(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        cli.main(["serve", "--port", port])
    assert exit_info.value.code == 2
    assert "--port" in capsys.readouterr().err


@needs_web
def test_a_busy_port_is_one_line_and_exit_1_and_an_open_host_is_warned_about(tmp_path: Path) -> None:
    with socket.socket() as busy:
        busy.bind(("0.0.0.0", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(
            [sys.executable, "-m", "tui", "serve", "--host", "0.0.0.0", "--port", str(port), str(tmp_path)],
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1, result
    lines = result.stderr.splitlines()
    assert lines[0] == "reports-tui: listening on 0.0.0.0: anyone who reaches it can read the files, with no password"
    assert lines[1].startswith(f"reports-tui: cannot listen on 0.0.0.0:{port}: ")
    assert len(lines) == 2 and result.stdout == ""


@needs_web
@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.0.0.2", True),
        ("localhost", True),
        ("LocalHost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("::", False),
        ("192.168.1.20", False),
        ("localhost.example.com", False),
    ],
)
def test_loopback_hosts(host: str, loopback: bool) -> None:
    from tui.serve.server import is_loopback

    assert is_loopback(host) is loopback


@needs_web
@pytest.mark.parametrize(
    ("origin", "netloc", "same"),
    [
        (None, "127.0.0.1:8000", True),  # no page sent it
        ("http://127.0.0.1:8000", "127.0.0.1:8000", True),
        ("http://LOCALHOST:8000", "localhost:8000", True),
        ("http://127.0.0.1:8001", "127.0.0.1:8000", False),
        ("https://evil.example", "127.0.0.1:8000", False),
        ("null", "127.0.0.1:8000", False),  # a sandboxed frame or a file: page
        ("file://127.0.0.1:8000", "127.0.0.1:8000", False),
        ("http://[::1", "[::1]:8000", False),  # malformed: refused, not an error
    ],
)
def test_same_origin(origin: str | None, netloc: str, same: bool) -> None:
    from tui.serve.server import same_origin

    assert same_origin(origin, netloc) is same


@needs_web
@pytest.mark.parametrize(
    ("netloc", "loopback_only", "allowed"),
    [
        ("127.0.0.1:8000", True, True),
        ("localhost:8000", True, True),
        ("[::1]:8000", True, True),
        ("rebound.example:8000", True, False),
        ("[::1", True, False),
        ("rebound.example:8000", False, True),
    ],
)
def test_host_allowed(netloc: str, loopback_only: bool, allowed: bool) -> None:
    from tui.serve.server import host_allowed

    assert host_allowed(netloc, loopback_only) is allowed


@needs_web
@pytest.mark.parametrize("bind", ["127.0.0.1", "0.0.0.0"])
async def test_the_server_guards_hosts_and_origins_and_names_the_address_used(
    bind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from aiohttp.test_utils import TestClient, TestServer

    from tui.serve.server import ReportsServer

    server = ReportsServer("true", bind, 8000, announce="ready")
    async with TestClient(TestServer(await server._make_app())) as client:
        own = f"{client.host}:{client.port}"
        page = await client.get("/")
        assert page.status == 200
        assert f'data-session-websocket-url="ws://{own}/ws"' in await page.text()
        # a websocket opened by another site's script is refused before the app starts
        foreign = await client.get("/ws", headers={"Origin": "https://evil.example"})
        assert foreign.status == 403
        named = await client.get("/", headers={"Host": "reports.lan:8000"})
        if bind == "127.0.0.1":  # a rebound name on a loopback server
            assert named.status == 403
        else:  # the address colleagues use, not the 0.0.0.0 given to --host
            assert named.status == 200
            assert 'data-session-websocket-url="ws://reports.lan:8000/ws"' in await named.text()
    assert capsys.readouterr().out == ""  # not textual-serve's banner, which prints the command


@needs_web
def test_what_the_server_relays_from_a_tab_cannot_act_on_the_terminal() -> None:
    import io

    from tui.serve.server import VisibleWriter

    out = io.StringIO()
    writer = VisibleWriter(out)
    text = "Traceback: bài\x1b]52;c;eA==\x07 \x9b2J\n"
    assert writer.write(text) == len(text)
    assert out.getvalue() == "Traceback: bài\u241b]52;c;eA==\u2407 \ufffd2J\n"
