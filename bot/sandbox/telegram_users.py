"""The people on the other side: what a user does in a Telegram client becomes an update."""

from __future__ import annotations

from typing import Any

from bot.sandbox.telegram_state import FakeTelegramCore


class UserSide(FakeTelegramCore):
    def add_user(
        self, user_id: int, first_name: str, language_code: str = "en", username: str | None = None
    ) -> dict[str, Any]:
        user = {
            "id": user_id,
            "is_bot": False,
            "first_name": first_name,
            "language_code": language_code,
        }
        if username:
            user["username"] = username
        self.state.users[user_id] = user
        private = {"id": user_id, "type": "private", "first_name": first_name}
        if username:
            private["username"] = username
        self.state.chats[user_id] = private
        return user

    def add_group(self, chat_id: int, title: str, admins: list[int], members: list[int]) -> None:
        self.state.chats[chat_id] = {"id": chat_id, "type": "supergroup", "title": title}
        for index, user_id in enumerate(admins):
            self.state.statuses[(chat_id, user_id)] = "creator" if index == 0 else "administrator"
        for user_id in members:
            self.state.statuses.setdefault((chat_id, user_id), "member")

    def _user(self, user_id: int) -> dict[str, Any]:
        if user_id not in self.state.users:
            raise ValueError(f"unknown user {user_id}: add_user first")
        return self.state.users[user_id]

    def _message(self, user_id: int, chat_id: int | None, **content: Any) -> dict[str, Any]:
        chat_id = user_id if chat_id is None else chat_id
        if chat_id == user_id and str(content.get("text", "")).startswith("/start"):
            self.state.blocked.discard(user_id)  # restarting the bot unblocks it
        message = {
            "message_id": self.next_message_id(chat_id),
            "date": self.now(),
            "chat": self.state.chats[chat_id],
            "from": self._user(user_id),
            **content,
        }
        self.state.user_messages[(chat_id, message["message_id"])] = message
        return self.enqueue({"message": message})

    def user_sends_text(
        self, user_id: int, text: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        content: dict[str, Any] = {"text": text}
        if text.startswith("/"):
            length = len(text.split(maxsplit=1)[0].encode("utf-16-le")) // 2
            content["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self._message(user_id, chat_id, **content)

    def user_sends_location(
        self,
        user_id: int,
        latitude: float,
        longitude: float,
        live_period: int | None = None,
        accuracy_m: float | None = None,
    ) -> dict[str, Any]:
        """A location; with `live_period` (seconds) a live one, moved by `user_moves`."""
        location = _location(latitude, longitude, live_period, accuracy_m)
        return self._message(user_id, None, location=location)

    def user_moves(
        self,
        user_id: int,
        message_id: int,
        latitude: float,
        longitude: float,
        at: int | None = None,
        accuracy_m: float | None = None,
    ) -> dict[str, Any]:
        """The next position of a live location: an `edited_message` at `at` (Unix time)."""
        original = self.state.user_messages[(user_id, message_id)]
        period = original["location"].get("live_period")
        if period is None:
            raise ValueError(f"message {message_id} is not a live location")
        location = _location(latitude, longitude, period, accuracy_m)
        return self._edited(original, location, at)

    def user_stops_sharing(
        self, user_id: int, message_id: int, at: int | None = None
    ) -> dict[str, Any]:
        """Telegram's last edit of a live location: where it was, without a live period."""
        original = self.state.user_messages[(user_id, message_id)]
        last = original["location"]
        location = _location(last["latitude"], last["longitude"], None, None)
        return self._edited(original, location, at)

    def _edited(
        self, original: dict[str, Any], location: dict[str, Any], at: int | None
    ) -> dict[str, Any]:
        edited = {**original, "location": location, "edit_date": self.now() if at is None else at}
        key = (original["chat"]["id"], original["message_id"])
        self.state.user_messages[key] = edited
        return self.enqueue({"edited_message": edited})

    def user_sends_contact(self, user_id: int, phone_number: str) -> dict[str, Any]:
        user = self._user(user_id)
        contact = {
            "phone_number": phone_number,
            "first_name": user["first_name"],
            "user_id": user_id,
        }
        return self._message(user_id, None, contact=contact)

    def user_sends_document(
        self,
        user_id: int,
        filename: str,
        content: bytes,
        mime_type: str | None = None,
        caption: str | None = None,
    ) -> dict[str, Any]:
        stored = self.store_file(filename, content, "documents")
        document: dict[str, Any] = {
            "file_id": stored.file_id,
            "file_unique_id": stored.unique_id,
            "file_name": filename,
            "file_size": len(content),
        }
        if mime_type:
            document["mime_type"] = mime_type
        extra = {"caption": caption} if caption else {}
        return self._message(user_id, None, document=document, **extra)

    def user_sends_photo(
        self, user_id: int, content: bytes, caption: str | None = None
    ) -> dict[str, Any]:
        stored = self.store_file("photo.jpg", content, "photos")
        size = {"file_id": stored.file_id, "file_unique_id": stored.unique_id,
                "file_size": len(content), "width": 1280, "height": 720}  # fmt: skip
        extra = {"caption": caption} if caption else {}
        return self._message(user_id, None, photo=[size], **extra)

    def user_presses(
        self, user_id: int, message_id: int, callback_data: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        """Press a button that exists on the bot's message, as a real client can only do."""
        chat_id = user_id if chat_id is None else chat_id
        message = self.sent_message(chat_id, message_id, "press")
        offered = {data for row in message.reply_markup for _, data in row}
        if callback_data not in offered:
            raise ValueError(f"message {message_id} has no button with data {callback_data!r}")
        return self.user_sends_callback_raw(user_id, message_id, callback_data, chat_id)

    def user_sends_callback_raw(
        self, user_id: int, message_id: int, callback_data: str, chat_id: int | None = None
    ) -> dict[str, Any]:
        """Any callback data at all: what a crafted client could send."""
        chat_id = user_id if chat_id is None else chat_id
        query_id = self.next_id("4382")
        self.state.open_callbacks.add(query_id)
        query: dict[str, Any] = {
            "id": query_id,
            "from": self._user(user_id),
            "chat_instance": f"ci{chat_id}",
            "data": callback_data,
        }
        for message in self.state.sent.get(chat_id, []):
            if message.message_id == message_id and not message.deleted:
                query["message"] = message.raw
        return self.enqueue({"callback_query": query})

    def user_blocks_bot(self, user_id: int) -> None:
        self.state.blocked.add(user_id)

    def bot_added_to_group(self, chat_id: int, by_user_id: int) -> dict[str, Any]:
        bot = self.bot_user
        member_update = {
            "chat": self.state.chats[chat_id],
            "from": self._user(by_user_id),
            "date": self.now(),
            "old_chat_member": {"status": "left", "user": bot},
            "new_chat_member": {"status": "member", "user": bot},
        }
        self.state.statuses[(chat_id, self.bot_id)] = "member"
        return self.enqueue({"my_chat_member": member_update})


def _location(
    latitude: float, longitude: float, live_period: int | None, accuracy_m: float | None
) -> dict[str, Any]:
    location: dict[str, Any] = {"latitude": latitude, "longitude": longitude}
    if live_period:
        location["live_period"] = live_period
    if accuracy_m is not None:
        location["horizontal_accuracy"] = accuracy_m
    return location
