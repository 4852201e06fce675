"""Log safety: the bot token and the webhook secret never reach a log line, in any form."""

from __future__ import annotations

import logging
import re
from urllib.parse import quote


def secret_forms(secret: str) -> set[str]:
    """Every way a secret can reach a log line: as is, URL-encoded (%3A or %3a for the token's
    colon), and a token's secret half (after the colon) on its own; the bot id before it is public."""
    encoded = quote(secret, safe="")
    forms = {secret, encoded, re.sub(r"%[0-9A-F]{2}", lambda m: m.group().lower(), encoded)}
    _, colon, half = secret.partition(":")
    if colon and half:
        forms |= {half, quote(half, safe="")}
    return forms


class TokenFilter(logging.Filter):
    """Replaces secrets (the bot token, the webhook secret) with "<token>" in every record."""

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        forms = {form for s in secrets if s for form in secret_forms(s)}
        self.secrets = sorted(forms, key=len, reverse=True)  # longest first: the whole before its half

    def scrub(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, "<token>")
        return text

    def filter(self, record: logging.LogRecord) -> bool:
        try:
            message = record.getMessage()
        except Exception:  # a broken format string: keep the raw parts, scrubbed
            message = f"{record.msg} {record.args}"
        record.msg, record.args = self.scrub(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.scrub(record.exc_text)
        if record.stack_info:
            record.stack_info = self.scrub(record.stack_info)
        return True


def configure_logging(*secrets: str) -> TokenFilter:
    """httpx/httpcore quiet (their INFO lines carry the request URL, token included), and a
    TokenFilter on every root handler. Returns the filter (tests remove it again)."""
    for name in ("httpx", "httpcore"):
        logging.getLogger(name).setLevel(logging.WARNING)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    if root.level > logging.INFO or root.level == logging.NOTSET:
        root.setLevel(logging.INFO)
    token_filter = TokenFilter(*secrets)
    for handler in root.handlers:
        handler.addFilter(token_filter)
    return token_filter


def remove_log_filter(token_filter: TokenFilter) -> None:
    for handler in logging.getLogger().handlers:
        handler.removeFilter(token_filter)
