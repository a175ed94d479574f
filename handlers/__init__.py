"""The router tree: private-chat features, group-chat features, then the fallback."""

from __future__ import annotations

from aiogram import F, Router

from handlers import (
    account,
    achievements,
    admin,
    broadcast,
    challenge_setup,
    challenges,
    checkin,
    coach,
    common,
    devices,
    fallback,
    groups,
    groups_chat,
    groups_event_form,
    groups_events,
    groups_form,
    groups_page,
    groups_search,
    help,
    imports,
    invite,
    journal,
    lifts,
    live_tracks,
    log_form,
    partners,
    places,
    plan,
    plan_form,
    profile,
    profile_form,
    promo,
    reminders,
    settings,
    skills,
    start,
    stats,
    workout_edit,
    workouts,
    zones,
)


def build_router() -> Router:
    root = Router(name="handlers")
    private = Router(name="private")
    private.message.filter(F.chat.type == "private")
    private.callback_query.filter(F.message.chat.type == "private")
    private.include_routers(
        common.build_router(),
        start.build_router(),
        profile.build_router(),
        settings.build_router(),
        reminders.build_router(),
        account.build_router(),
        help.build_router(),
        workouts.build_router(),
        imports.build_router(),
        devices.build_router(),
        journal.build_router(),
        workout_edit.build_router(),
        coach.build_router(),
        zones.build_router(),
        stats.build_router(),
        checkin.build_router(),
        skills.build_router(),
        lifts.build_router(),
        partners.build_router(),
        achievements.build_router(),
        plan.build_router(),
        log_form.build_router(),
        profile_form.build_router(),
        plan_form.build_router(),
        live_tracks.build_router(),
        places.build_router(),
        groups_form.build_router(),
        groups_event_form.build_router(),
        groups_events.build_router(),
        groups_page.build_router(),
        groups_search.build_router(),
        broadcast.build_router(),
        admin.build_router(),
        promo.build_router(),
        invite.build_router(),
        challenge_setup.build_private_router(),
        challenges.build_private_router(),
        fallback.build_router(),
    )
    group = Router(name="group")
    group.message.filter(F.chat.type.in_({"group", "supergroup"}))
    group.callback_query.filter(F.message.chat.type.in_({"group", "supergroup"}))
    group.include_routers(
        groups_chat.build_router(),
        challenge_setup.build_group_router(),
        challenges.build_group_router(),
        groups.build_router(),
    )
    root.include_routers(private, group)
    return root
