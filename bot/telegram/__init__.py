"""The Telegram front end: python-telegram-bot's Application around one Engine.

The only package that imports `telegram` (PTB); its modules import PTB absolutely, so this
package's name never shadows it. By concern:

    app.py        build_application, run: environment, start-up check, polling or webhook
    handlers.py   TelegramBot: updates → shared commands (bot.commands) → HTML (bot.render)
    keyboards.py  buttons for a content's questions and topics; short callback keys
    updates.py    PerChatUpdateProcessor: chats concurrently, each chat in order
    logsafety.py  TokenFilter: the token and webhook secret never reach a log line

Environment (read by `run` only):

    TELEGRAM_BOT_TOKEN       the bot's token from @BotFather (required)
    TELEGRAM_API_BASE_URL    another Bot API server, e.g. http://127.0.0.1:8081/bot (token appended)
    WEBHOOK_URL              webhook mode when set: Telegram posts updates to this https URL
    WEBHOOK_SECRET           required in webhook mode: Telegram sends it in a header with every update
    PORT                     webhook mode: the port to listen on (default 8443)
    WEBHOOK_LISTEN           webhook mode: the address to listen on (default 0.0.0.0)
"""

from bot.telegram.app import build_application, run

__all__ = ["build_application", "run"]
