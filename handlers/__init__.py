"""The router tree: private-chat features, group-chat replies, then the fallback."""

from __future__ import annotations

from aiogram import F, Router

from handlers import (
    account,
    common,
    fallback,
    groups,
    help,
    profile,
    profile_form,
    settings,
    start,
)


def build_router() -> Router:
    root = Router(name="handlers")
    private = Router(name="private")
    private.message.filter(F.chat.type == "private")
    private.callback_query.filter(F.message.chat.type == "private")
    private.include_routers(
        common.router,
        start.router,
        profile.router,
        settings.router,
        account.router,
        help.router,
        profile_form.router,
        fallback.router,
    )
    group = Router(name="group")
    group.message.filter(F.chat.type.in_({"group", "supergroup"}))
    group.include_router(groups.router)
    root.include_routers(private, group)
    return root
