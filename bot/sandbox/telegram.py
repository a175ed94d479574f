"""FakeTelegram: the Bot API methods CoachBot uses, answered from memory.

Used in process by the sandbox (`coachbot chat`, via InProcessSession) and over HTTP by
the end-to-end tests (tests/support/botapi_server.py). See ADR 0009.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from typing import Any

from bot.sandbox.telegram_state import (
    FIRST_UPDATE_ID,
    NOT_MODIFIED,
    Fault,
    SentMessage,
    TelegramApiError,
    Webhook,
    check_markup,
    check_text,
    coerce,
)
from bot.sandbox.telegram_users import UserSide

__all__ = ["FakeTelegram", "SentMessage", "TelegramApiError"]

Files = dict[str, tuple[str, bytes]]
Method = Callable[[dict[str, Any], Files], Awaitable[Any]]
MEMBER_RIGHTS = (
    "can_be_edited", "can_manage_chat", "can_change_info", "can_delete_messages",
    "can_invite_users", "can_restrict_members", "can_pin_messages", "can_promote_members",
    "can_manage_video_chats", "can_post_stories", "can_edit_stories", "can_delete_stories",
    "can_send_welcome_messages",
    "is_anonymous",
)  # fmt: skip


class FakeTelegram(UserSide):
    def __init__(
        self,
        bot_id: int = 42,
        bot_username: str = "coachbot",
        clock: Callable[[], float] = time.time,
        first_update_id: int = FIRST_UPDATE_ID,
    ) -> None:
        super().__init__(bot_id, bot_username, clock, first_update_id)
        self._methods: dict[str, Method] = {
            name[len("m_") :].lower(): getattr(self, name)
            for name in dir(self)
            if name.startswith("m_")
        }

    async def call(self, method: str, params: dict[str, Any], files: Files | None = None) -> Any:
        """Run one Bot API method; the result as Telegram's JSON, or TelegramApiError."""
        params = coerce(params)
        self.state.calls.append((method, params))
        fault = self.take_fault(method, params.get("chat_id"))
        if fault is not None:
            await self._apply(fault)
        handler = self._methods.get(method.lower())
        if handler is None:
            raise TelegramApiError(404, "Not Found")
        return await handler(params, files or {})

    def inject(
        self,
        method: str,
        *,
        error_code: int | None = None,
        description: str = "",
        retry_after: int | None = None,
        delay: float = 0.0,
        times: int = 1,
        chat_id: int | None = None,
    ) -> None:
        """Make the next `times` calls of `method` fail with an error or answer slowly."""
        self.state.faults.append(
            Fault(method, error_code, description, retry_after, delay, times, chat_id)
        )

    async def _apply(self, fault: Fault) -> None:
        if fault.delay:
            await asyncio.sleep(fault.delay)
        if fault.error_code is None:
            return
        description = fault.description or {
            429: f"Too Many Requests: retry after {fault.retry_after or 1}",
            403: "Forbidden: bot was blocked by the user",
        }.get(fault.error_code, "Internal Server Error")
        retry_after = (fault.retry_after or 1) if fault.error_code == 429 else None
        raise TelegramApiError(fault.error_code, description, retry_after)

    # Observation, for tests and the terminal.

    def messages(self, chat_id: int) -> list[SentMessage]:
        return list(self.state.sent.get(chat_id, []))

    def last_message(self, chat_id: int) -> SentMessage:
        visible = [message for message in self.messages(chat_id) if not message.deleted]
        if not visible:
            raise LookupError(f"the bot sent nothing to chat {chat_id}")
        return visible[-1]

    @property
    def callback_answers(self) -> list[dict[str, Any]]:
        return self.state.callback_answers

    def commands(self, language_code: str = "", scope: dict[str, Any] | None = None) -> list[str]:
        key = (_scope_key(scope), language_code)
        return [command["command"] for command in self.state.commands.get(key, [])]

    async def wait_for_message(
        self,
        chat_id: int,
        predicate: Callable[[SentMessage], bool] | None = None,
        timeout: float = 10.0,
        after: int | None = None,
    ) -> SentMessage:
        """The newest message sent or edited in the chat after now (or `after`) that matches."""
        since = self.version if after is None else after

        def check() -> SentMessage | None:
            for message in reversed(self.messages(chat_id)):
                if message.version > since and (predicate is None or predicate(message)):
                    return message
            return None

        return await self.wait_until(check, timeout)

    def pending_updates(self) -> list[dict[str, Any]]:
        return list(self.state.updates)

    def confirm(self, update_id: int) -> None:
        self.state.updates = [u for u in self.state.updates if u["update_id"] > update_id]

    # Bot API methods.

    async def m_getme(self, params: dict[str, Any], files: Files) -> Any:
        return self.bot_user

    async def m_getupdates(self, params: dict[str, Any], files: Files) -> Any:
        if self.state.webhook is not None:
            raise TelegramApiError(
                409,
                "Conflict: can't use getUpdates method while webhook is active; "
                "use deleteWebhook to delete the webhook first",
            )
        offset = int(params.get("offset") or 0)
        if offset:
            self.confirm(offset - 1)
        limit = int(params.get("limit") or 100)
        timeout = float(params.get("timeout") or 0)
        if not self.state.updates and timeout > 0:
            try:
                await self.wait_until(lambda: self.state.updates or None, timeout)
            except TimeoutError:
                return []
        allowed = params.get("allowed_updates")
        updates = self.state.updates[:limit]
        if allowed:
            return [u for u in updates if any(kind in u for kind in allowed)]
        return updates

    async def m_setwebhook(self, params: dict[str, Any], files: Files) -> Any:
        url = str(params.get("url") or "")
        if not url:
            self.state.webhook = None
            return True
        if not url.startswith(("http://", "https://")):
            raise TelegramApiError(
                400, "Bad Request: bad webhook: An HTTPS URL must be provided for webhook"
            )
        self.state.webhook = Webhook(
            url, params.get("secret_token"), params.get("allowed_updates")
        )
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        self.changed()
        return True

    async def m_deletewebhook(self, params: dict[str, Any], files: Files) -> Any:
        self.state.webhook = None
        if params.get("drop_pending_updates"):
            self.state.updates.clear()
        return True

    async def m_getwebhookinfo(self, params: dict[str, Any], files: Files) -> Any:
        webhook = self.state.webhook
        info: dict[str, Any] = {
            "url": webhook.url if webhook else "",
            "has_custom_certificate": False,
            "pending_update_count": len(self.state.updates),
        }
        if webhook and webhook.allowed_updates:
            info["allowed_updates"] = webhook.allowed_updates
        return info

    def _new_message(self, chat: dict[str, Any], **content: Any) -> dict[str, Any]:
        return {
            "message_id": self.next_message_id(chat["id"]),
            "from": self.bot_user,
            "chat": chat,
            "date": self.now(),
            **content,
        }

    async def m_sendmessage(self, params: dict[str, Any], files: Files) -> Any:
        chat = self.chat(params.get("chat_id"))
        plain, source = check_text(params, "text", 4096, required=True)
        markup = check_markup(params)
        raw = self._new_message(chat, text=plain, **({"reply_markup": markup} if markup else {}))
        self.record(chat["id"], raw, html=source)
        return raw

    async def m_sendlocation(self, params: dict[str, Any], files: Files) -> Any:
        chat = self.chat(params.get("chat_id"))
        location = {"latitude": float(params["latitude"]), "longitude": float(params["longitude"])}
        raw = self._new_message(chat, location=location)
        self.record(chat["id"], raw)
        return raw

    async def m_editmessagetext(self, params: dict[str, Any], files: Files) -> Any:
        self.chat(params.get("chat_id"))
        message = self.sent_message(params.get("chat_id"), params.get("message_id"), "edit")
        plain, source = check_text(params, "text", 4096, required=True)
        markup = check_markup(params)
        changed = {"text": plain, "reply_markup": markup}
        if plain == message.raw.get("text") and markup == message.raw.get("reply_markup"):
            raise TelegramApiError(400, NOT_MODIFIED)
        return self._edit(message, changed, html=source)

    async def m_editmessagereplymarkup(self, params: dict[str, Any], files: Files) -> Any:
        self.chat(params.get("chat_id"))
        message = self.sent_message(params.get("chat_id"), params.get("message_id"), "edit")
        markup = check_markup(params)
        if markup == message.raw.get("reply_markup"):
            raise TelegramApiError(400, NOT_MODIFIED)
        return self._edit(message, {"reply_markup": markup}, html=message.html)

    def _edit(self, message: SentMessage, changes: dict[str, Any], html: str | None) -> Any:
        raw = {**message.raw, **changes, "edit_date": self.now()}
        message.raw = {key: value for key, value in raw.items() if value is not None}
        message.html = html
        message.edits += 1
        message.version = self.version + 1
        self.changed()
        return message.raw

    async def m_deletemessage(self, params: dict[str, Any], files: Files) -> Any:
        message = self.sent_message(params.get("chat_id"), params.get("message_id"), "delete")
        message.deleted = True
        message.version = self.version + 1
        self.changed()
        return True

    async def m_answercallbackquery(self, params: dict[str, Any], files: Files) -> Any:
        query_id = str(params.get("callback_query_id"))
        if query_id not in self.state.open_callbacks:
            raise TelegramApiError(
                400,
                "Bad Request: query is too old and response timeout expired "
                "or query ID is invalid",
            )
        self.state.open_callbacks.discard(query_id)
        self.state.callback_answers.append(params)
        self.changed()
        return True

    async def m_senddocument(self, params: dict[str, Any], files: Files) -> Any:
        return await self._send_file(params, files, "document")

    async def m_sendphoto(self, params: dict[str, Any], files: Files) -> Any:
        return await self._send_file(params, files, "photo")

    async def _send_file(self, params: dict[str, Any], files: Files, kind: str) -> Any:
        chat = self.chat(params.get("chat_id"))
        name, content = self._upload(params.get(kind), files, kind)
        plain, source = check_text(params, "caption", 1024, required=False)
        stored = self.store_file(name, content, f"{kind}s")
        base = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(content),
        }
        if kind == "photo":
            media: dict[str, Any] = {"photo": [{**base, "width": 1280, "height": 720}]}
        else:
            media = {"document": {**base, "file_name": name}}
        markup = check_markup(params)
        extra = {"caption": plain} if plain else {}
        raw = self._new_message(
            chat, **media, **extra, **({"reply_markup": markup} if markup else {})
        )
        self.record(
            chat["id"],
            raw,
            html=source or None,
            document_name=name if kind == "document" else None,
            document_bytes=content if kind == "document" else None,
            photo_bytes=content if kind == "photo" else None,
        )
        return raw

    def _upload(self, value: Any, files: Files, kind: str) -> tuple[str, bytes]:
        if isinstance(value, str) and value.startswith("attach://"):
            value = files.get(value[len("attach://") :])
        elif value is None:
            value = files.get(kind)
        elif isinstance(value, str) and value in self.state.files:
            stored = self.state.files[value]
            return stored.path.rsplit("_", 1)[-1], stored.content
        if not isinstance(value, tuple) or not value[1]:
            raise TelegramApiError(400, f"Bad Request: there is no {kind} in the request")
        return value

    async def m_getfile(self, params: dict[str, Any], files: Files) -> Any:
        stored = self.state.files.get(str(params.get("file_id")))
        if stored is None:
            raise TelegramApiError(400, "Bad Request: invalid file_id")
        return {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_size": len(stored.content),
            "file_path": stored.path,
        }

    def file_content(self, file_path: str) -> bytes | None:
        for stored in self.state.files.values():
            if stored.path == file_path:
                return stored.content
        return None

    async def m_setmycommands(self, params: dict[str, Any], files: Files) -> Any:
        commands = params.get("commands")
        if not isinstance(commands, list) or len(commands) > 100:
            raise TelegramApiError(400, "Bad Request: can't parse commands JSON object")
        for command in commands:
            name = str(command.get("command", ""))
            if not (1 <= len(name) <= 32 and name.replace("_", "").isalnum() and name.islower()):
                raise TelegramApiError(400, "Bad Request: BOT_COMMAND_INVALID")
            if not 1 <= len(str(command.get("description", ""))) <= 256:
                raise TelegramApiError(400, "Bad Request: BOT_COMMAND_DESCRIPTION_INVALID")
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self.state.commands[key] = [
            {"command": c["command"], "description": c["description"]} for c in commands
        ]
        return True

    async def m_getmycommands(self, params: dict[str, Any], files: Files) -> Any:
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        return self.state.commands.get(key, [])

    async def m_deletemycommands(self, params: dict[str, Any], files: Files) -> Any:
        key = (_scope_key(params.get("scope")), str(params.get("language_code") or ""))
        self.state.commands.pop(key, None)
        return True

    async def m_getchatmember(self, params: dict[str, Any], files: Files) -> Any:
        chat = self.chat(params.get("chat_id"))
        user_id = int(params.get("user_id") or 0)
        user = self.bot_user if user_id == self.bot_id else self.state.users.get(user_id)
        if user is None:
            raise TelegramApiError(400, "Bad Request: PARTICIPANT_ID_INVALID")
        if chat["type"] == "private":
            status = "member" if user_id in (chat["id"], self.bot_id) else "left"
        else:
            status = self.state.statuses.get((chat["id"], user_id), "left")
        return _member(status, user)

    async def m_getchatadministrators(self, params: dict[str, Any], files: Files) -> Any:
        chat = self.chat(params.get("chat_id"))
        return [
            _member(status, self.state.users[user_id])
            for (chat_id, user_id), status in self.state.statuses.items()
            if chat_id == chat["id"] and status in {"creator", "administrator"}
        ]

    async def m_getchat(self, params: dict[str, Any], files: Files) -> Any:
        chat = self.chat(params.get("chat_id"))
        return {**chat, "accent_color_id": 0, "max_reaction_count": 11, "accepted_gift_types": {
            "unlimited_gifts": False, "limited_gifts": False, "unique_gifts": False,
            "premium_subscription": False, "gifts_from_channels": False,
        }}  # fmt: skip

    async def m_sendchataction(self, params: dict[str, Any], files: Files) -> Any:
        self.chat(params.get("chat_id"))
        return True

    async def m_pinchatmessage(self, params: dict[str, Any], files: Files) -> Any:
        self.sent_message(params.get("chat_id"), params.get("message_id"), "pin")
        return True

    async def m_unpinchatmessage(self, params: dict[str, Any], files: Files) -> Any:
        self.chat(params.get("chat_id"))
        return True


def _scope_key(scope: Any) -> str:
    if not isinstance(scope, dict):
        return "default"
    return ":".join(str(scope.get(key, "")) for key in ("type", "chat_id", "user_id"))


def _member(status: str, user: dict[str, Any]) -> dict[str, Any]:
    member: dict[str, Any] = {"status": status, "user": user}
    if status == "creator":
        member["is_anonymous"] = False
    elif status == "administrator":
        member.update(dict.fromkeys(MEMBER_RIGHTS, False))
        member.update(can_manage_chat=True, can_delete_messages=True, can_pin_messages=True)
    elif status == "restricted":
        member.update(is_member=True, until_date=0)
    elif status == "kicked":
        member["until_date"] = 0
    return member
