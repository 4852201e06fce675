"""`python -m bot` as a real process: start-up checks, long polling and webhook mode against the
fake Bot API server, and a clean exit 0 on SIGTERM."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from fake_telegram import BOT_USERNAME, TOKEN, FakeTelegram, write_bot_dir

ROOT = Path(__file__).resolve().parent.parent
USER = FakeTelegram.user(1001, "zh")


def bot_env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("TELEGRAM_BOT_TOKEN", "TELEGRAM_API_BASE_URL", "WEBHOOK_URL", "WEBHOOK_SECRET", "PORT",
                        "WEBHOOK_LISTEN")}
    env.update(NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost", PYTHONUNBUFFERED="1", **extra)
    return env


def start(args: list[str], env: dict[str, str]) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "bot", *args], cwd=ROOT, env=env, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def stop(proc: subprocess.Popen[str], sig: int = signal.SIGTERM) -> tuple[int, str]:
    """Send `sig` and return (exit code, everything it printed); fail when it takes over 5 s."""
    sent = time.monotonic()
    proc.send_signal(sig)
    try:
        out, err = proc.communicate(timeout=5)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        pytest.fail(f"did not stop within 5 s of signal {sig}:\n{err[-3000:]}")
    assert time.monotonic() - sent < 5
    return proc.returncode, out + err


@pytest.fixture
def fake():
    with FakeTelegram() as server:
        yield server


@pytest.fixture
def config_path(tmp_path: Path) -> Path:
    return write_bot_dir(tmp_path / "bot")


def test_without_a_token_it_says_how_to_get_one_and_exits_2():
    proc = subprocess.run([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=bot_env(), text=True,
                          capture_output=True, timeout=60)
    assert proc.returncode == 2
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert len(lines) == 1 and "@BotFather" in lines[0] and "TELEGRAM_BOT_TOKEN" in lines[0]


def test_webhook_mode_refuses_to_start_without_a_secret():
    env = bot_env(TELEGRAM_BOT_TOKEN=TOKEN, WEBHOOK_URL="https://example.org/hook")
    proc = subprocess.run([sys.executable, "-m", "bot", "telegram"], cwd=ROOT, env=env, text=True,
                          capture_output=True, timeout=60)
    assert proc.returncode == 2
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert len(lines) == 1 and "WEBHOOK_SECRET" in lines[0]
    assert TOKEN not in proc.stdout + proc.stderr


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
def test_polling_answers_and_stops_cleanly_on_a_signal(fake, config_path, sig):
    env = bot_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.base_url)
    proc = start(["--config", str(config_path)], env)  # no command + a token: the Telegram bot
    try:
        fake.push_text("三季度双集中总投资多少", user=USER)
        [answer] = fake.wait_for(lambda: fake.sent(USER["id"]), timeout=30)
    finally:
        code, output = stop(proc, sig)
    assert "<b>556亿元</b>" in answer["html"]
    assert code == 0, output[-3000:]
    assert TOKEN not in output
    assert fake.calls_of("deleteWebhook")  # polling starts by clearing any webhook


def test_an_unreachable_bot_api_is_reported_and_retried_until_stopped(config_path):
    env = bot_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=f"http://127.0.0.1:{_free_port()}/bot")
    proc = start(["--config", str(config_path), "telegram"], env)
    seen: list[str] = []
    reader = threading.Thread(target=lambda: seen.extend(iter(proc.stderr.readline, "")), daemon=True)
    reader.start()
    deadline = time.monotonic() + 30
    while sum("retrying" in line for line in seen) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=5) == 0
    reader.join(5)
    output = "".join(seen)
    warnings = [line for line in seen if " WARNING bot.telegram.app: cannot reach the Bot API at 127.0.0.1:" in line]
    assert len(warnings) >= 2 and all("retrying in" in line for line in warnings), output[-3000:]
    assert TOKEN not in output and TOKEN.split(":")[1] not in output


def test_a_rejected_token_is_one_line_without_a_traceback(fake, config_path):
    env = bot_env(TELEGRAM_BOT_TOKEN="123456789:not-the-fakes-token", TELEGRAM_API_BASE_URL=fake.base_url)
    proc = subprocess.run([sys.executable, "-m", "bot", "--config", str(config_path), "telegram"], cwd=ROOT,
                          env=env, text=True, capture_output=True, timeout=60)
    assert proc.returncode == 2
    lines = (proc.stdout + proc.stderr).strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("the Bot API rejected TELEGRAM_BOT_TOKEN"), lines[:5]
    assert "not-the-fakes-token" not in lines[0]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _post(url: str, body: dict, secret: str | None) -> int:
    headers = {"Content-Type": "application/json"}
    if secret is not None:
        headers["X-Telegram-Bot-Api-Secret-Token"] = secret
    request = urllib.request.Request(url, data=json.dumps(body).encode(), headers=headers, method="POST")
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
    try:
        with opener.open(request, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as e:
        return e.code
    except OSError:  # not listening yet
        return 0


def test_webhook_mode_checks_the_secret_answers_and_stops_cleanly(fake, config_path):
    port = _free_port()
    url = f"http://127.0.0.1:{port}/telegram-hook"
    env = bot_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.base_url, WEBHOOK_URL=url,
                  WEBHOOK_SECRET="s3cret-Token_1", PORT=str(port), WEBHOOK_LISTEN="127.0.0.1")
    proc = start(["--config", str(config_path), "telegram"], env)
    try:
        fake.wait_for(lambda: fake.calls_of("setWebhook"), timeout=30)
        assert fake.webhook["url"] == url and fake.webhook["secret_token"] == "s3cret-Token_1"
        update = {"update_id": 1, "message": fake.message("三季度双集中总投资多少", user=USER)}
        status = fake.wait_for(lambda: _post(url, update, "wrong") or None, timeout=10)
        assert status == 403
        assert _post(url, update, None) == 403
        assert fake.sent() == []
        assert _post(url, update, "s3cret-Token_1") == 200
        [answer] = fake.wait_for(lambda: fake.sent(USER["id"]), timeout=10)
    finally:
        code, output = stop(proc)
    assert "556亿元" in answer["text"]
    assert code == 0, output[-3000:]
    assert f"listening on 127.0.0.1:{port}" in output
    assert TOKEN not in output and "s3cret-Token_1" not in output


def test_sigterm_during_a_group_flood_does_not_wait_out_the_groups_send_limit(fake, tmp_path):
    config_path = write_bot_dir(tmp_path / "flood", questions_per_minute=100)
    group = FakeTelegram.group_chat()
    proc = start(["--config", str(config_path), "telegram"],
                 bot_env(TELEGRAM_BOT_TOKEN=TOKEN, TELEGRAM_API_BASE_URL=fake.base_url))
    try:
        fake.wait_for(lambda: fake.calls_of("getUpdates"), timeout=30)
        for _ in range(25):  # at Telegram's 20 sends a minute per group: over a minute of replies
            fake.push_text(f"@{BOT_USERNAME} 三季度双集中总投资多少", user=USER, chat=group)
        fake.wait_for(lambda: fake.sent(group["id"]), timeout=30)
    finally:
        sent = time.monotonic()
        proc.send_signal(signal.SIGTERM)
        try:
            out, err = proc.communicate(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    assert time.monotonic() - sent < 15  # the update being answered finishes; those waiting are dropped
    assert proc.returncode == 0, (out + err)[-3000:]
    assert len(fake.sent(group["id"])) < 25


def test_the_try_telegram_demo_plays_its_script():
    proc = subprocess.run([sys.executable, "tests/fake_telegram.py", "--script"], cwd=ROOT, env=bot_env(), text=True,
                          capture_output=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout
    assert "you> 余杭第三季度双集中总投资多少\nbot> 556亿元" in out
    assert "you> 1\nbot> 问：" in out and "bot> 上一个答案的出处" in out and "[button]" in out
