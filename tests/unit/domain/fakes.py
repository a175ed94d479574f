"""In-memory repositories and unit of work for fast service tests (cosmicpython style)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import date, datetime
from types import TracebackType
from typing import Any, Self

from domain.activities.models import ImportMeta
from domain.campaigns.audience import Audience
from domain.campaigns.models import (
    OPEN_DELIVERIES,
    AuditEntry,
    Ban,
    Campaign,
    CampaignState,
    Claimed,
    Counts,
    DeliveryState,
    Outcome,
    Role,
)
from domain.campaigns.stats import AdminStats, UserCard
from domain.coaching.thresholds import Threshold
from domain.notifications.models import MAX_ATTEMPTS, Notice, NoticeKind, NoticeState
from domain.notifications.schedule import due_moment
from domain.plans.models import Plan, PlanStatus, PlanWeek
from domain.skills.lifts import ExerciseSession, ExerciseSummary
from domain.tracks.models import Fix, LiveTrack, TrackState
from domain.users.models import User
from domain.wellness.models import CheckIn, WellnessField
from domain.workouts.models import Activity, Workout
from domain.workouts.records import Record, RecordKind
from tests.unit.domain.fake_awards import FakeAwardRepository
from tests.unit.domain.fake_challenges import FakeChallengeRepository
from tests.unit.domain.fake_devices import FakeDeviceRepository
from tests.unit.domain.fake_growth import FakeGrowthRepository
from tests.unit.domain.fake_partners import FakePartnerRepository
from tests.unit.domain.fakes_groups import FakeGroupRepository
from tests.unit.gamification.fakes import FakeGamificationRepository


class FakeUserRepository:
    def __init__(self) -> None:
        self.committed: dict[int, User] = {}
        self.pending: dict[int, User | None] = {}

    async def get(self, user_id: int) -> User | None:
        if user_id in self.pending:
            return self.pending[user_id]
        return self.committed.get(user_id)

    async def add(self, user: User) -> None:
        self.pending[user.id] = user

    async def save(self, user: User) -> None:
        self.pending[user.id] = user

    async def delete(self, user_id: int) -> bool:
        existed = await self.get(user_id) is not None
        self.pending[user_id] = None
        return existed


class FakeUpdateLog:
    def __init__(self) -> None:
        self.ids: dict[int, datetime] = {}

    async def seen(self, update_id: int) -> bool:
        return update_id in self.ids

    async def prune(self, before: datetime) -> int:
        old = [key for key, at in self.ids.items() if at < before]
        for key in old:
            del self.ids[key]
        return len(old)


class FakeWorkoutRepository:
    def __init__(self) -> None:
        self.rows: dict[int, Workout] = {}

    async def add(self, workout: Workout) -> Workout:
        stored = replace(workout, id=len(self.rows) + 1)
        self.rows[stored.id] = stored
        return stored

    async def get(self, user_id: int, workout_id: int) -> Workout | None:
        workout = self.rows.get(workout_id)
        return workout if workout is not None and workout.user_id == user_id else None

    async def save_note(self, user_id: int, workout_id: int, note: str | None) -> bool:
        workout = await self.get(user_id, workout_id)
        if workout is not None:
            self.rows[workout_id] = replace(workout, note=note)
        return workout is not None

    async def update(self, workout: Workout) -> bool:
        current = await self.get(workout.user_id, workout.id)
        if current is not None:
            self.rows[workout.id] = replace(workout, sets=current.sets)
        return current is not None

    async def delete(self, user_id: int, workout_id: int) -> bool:
        return await self.get(user_id, workout_id) is not None and bool(self.rows.pop(workout_id))

    def _mine(
        self,
        user_id: int,
        activity: Activity | None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[Workout]:
        mine = [w for w in self.rows.values() if w.user_id == user_id]
        mine = [w for w in mine if activity is None or w.activity is activity]
        mine = [w for w in mine if start is None or w.started_at >= start]
        mine = [w for w in mine if end is None or w.started_at < end]
        return sorted(mine, key=lambda w: (w.started_at, w.id), reverse=True)

    async def page(
        self,
        user_id: int,
        activity: Activity | None,
        offset: int,
        limit: int,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> list[Workout]:
        return self._mine(user_id, activity, start, end)[offset : offset + limit]

    async def count(
        self,
        user_id: int,
        activity: Activity | None,
        start: datetime | None = None,
        end: datetime | None = None,
    ) -> int:
        return len(self._mine(user_id, activity, start, end))

    async def since(
        self, user_id: int, start: datetime, activity: Activity | None = None
    ) -> list[Workout]:
        return [w for w in reversed(self._mine(user_id, activity)) if w.started_at >= start]

    async def summaries_since(
        self, user_id: int, start: datetime, activity: Activity | None = None
    ) -> list[Workout]:
        return [replace(w, sets=(), note=None) for w in await self.since(user_id, start, activity)]


class FakeRecordRepository:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, RecordKind, str], tuple[Record, int]] = {}

    async def all(self, user_id: int) -> list[tuple[Record, int]]:
        return [value for (owner, *_), value in self.rows.items() if owner == user_id]

    async def put(self, user_id: int, record: Record, workout_id: int, at: datetime) -> None:
        self.rows[(user_id, record.kind, record.subject)] = (record, workout_id)

    async def held_by(self, user_id: int, workout_id: int) -> list[tuple[RecordKind, str]]:
        return [
            (kind, subject)
            for (owner, kind, subject), (_, held) in self.rows.items()
            if owner == user_id and held == workout_id
        ]

    async def remove(self, user_id: int, keys: list[tuple[RecordKind, str]]) -> None:
        for kind, subject in keys:
            self.rows.pop((user_id, kind, subject), None)


class FakeCheckInRepository:
    def __init__(self) -> None:
        self.rows: dict[tuple[int, date], CheckIn] = {}

    async def get(self, user_id: int, day: date) -> CheckIn | None:
        return self.rows.get((user_id, day))

    async def set_field(
        self, user_id: int, day: date, field: WellnessField, value: float, at: datetime
    ) -> None:
        current = self.rows.get((user_id, day), CheckIn(user_id, day))
        answer: dict[str, Any] = {field.value: value}
        self.rows[(user_id, day)] = replace(current, updated_at=at, **answer)

    async def between(self, user_id: int, first: date, last: date) -> list[CheckIn]:
        return [c for c in await self.all(user_id) if first <= c.day <= last]

    async def all(self, user_id: int) -> list[CheckIn]:
        return sorted((c for c in self.rows.values() if c.user_id == user_id), key=lambda c: c.day)


class FakeThresholdRepository:
    def __init__(self) -> None:
        self.rows: list[tuple[int, Threshold]] = []

    async def add(self, user_id: int, threshold: Threshold) -> None:
        self.rows.append((user_id, threshold))

    async def all(self, user_id: int) -> list[Threshold]:
        mine = [threshold for owner, threshold in self.rows if owner == user_id]
        return sorted(mine, key=lambda threshold: threshold.valid_from)


class FakeStrengthRepository:
    """Reads the strength sets of the fake journal, as the SQL one reads its tables."""

    def __init__(self, workouts: FakeWorkoutRepository) -> None:
        self._workouts = workouts

    def _sessions(self, user_id: int, exercise: str) -> list[ExerciseSession]:
        return [
            ExerciseSession(w.id, w.started_at, tuple(s for s in w.sets if s.exercise == exercise))
            for w in self._workouts._mine(user_id, None)
            if any(s.exercise == exercise for s in w.sets)
        ]

    async def exercises(self, user_id: int) -> list[ExerciseSummary]:
        names = {s.exercise for w in self._workouts._mine(user_id, None) for s in w.sets}
        summaries = []
        for name in names:
            sessions = self._sessions(user_id, name)
            sets = [s for session in sessions for s in session.sets]
            tops: dict[int, float] = {}
            for item in sets:
                if item.weight_kg:
                    tops[item.reps] = max(tops.get(item.reps, 0.0), item.weight_kg)
            summaries.append(
                ExerciseSummary(
                    exercise=name,
                    sessions=len(sessions),
                    last_at=sessions[0].started_at,
                    volume_kg=sum(s.volume_kg for s in sets),
                    reps=sum(s.sets * s.reps for s in sets),
                    top_sets=tuple(sorted(tops.items())),
                )
            )
        return sorted(summaries, key=lambda s: (-s.last_at.timestamp(), s.exercise))

    async def sessions(
        self, user_id: int, exercise: str, offset: int, limit: int
    ) -> list[ExerciseSession]:
        return self._sessions(user_id, exercise)[offset : offset + limit]

    async def count_sessions(self, user_id: int, exercise: str) -> int:
        return len(self._sessions(user_id, exercise))


class FakeNotificationLog:
    def __init__(self, users: FakeUserRepository) -> None:
        self._users = users
        self.rows: dict[tuple[int, NoticeKind, date], Notice] = {}

    async def due(self, kind: NoticeKind, now: datetime, limit: int) -> list[int]:
        due = [
            (moment, user.id)
            for user in self._users.committed.values()
            if (moment := due_moment(user, kind)) is not None
            and moment <= now
            and user.bot_blocked_at is None
        ]
        return [user_id for _, user_id in sorted(due)[:limit]]

    async def claim(self, user_id: int, kind: NoticeKind, local_date: date, at: datetime) -> bool:
        key = (user_id, kind, local_date)
        held = self.rows.get(key)
        if held is None:
            self.rows[key] = Notice(kind, local_date, NoticeState.CLAIMED, at, 1)
            return True
        if held.state is NoticeState.FAILED and held.attempts < MAX_ATTEMPTS:
            self.rows[key] = replace(
                held, state=NoticeState.CLAIMED, at=at, attempts=held.attempts + 1
            )
            return True
        return False

    async def finish(
        self, user_id: int, kind: NoticeKind, local_date: date, state: NoticeState, at: datetime
    ) -> None:
        key = (user_id, kind, local_date)
        self.rows[key] = replace(self.rows[key], state=state, at=at)

    async def of_user(self, user_id: int) -> list[Notice]:
        return [notice for (owner, *_), notice in sorted(self.rows.items()) if owner == user_id]


class FakePlanRepository:
    def __init__(self) -> None:
        self.rows: dict[int, Plan] = {}
        self.saved_weeks = 0

    async def add(self, plan: Plan) -> Plan:
        stored = replace(plan, id=len(self.rows) + 1)
        self.rows[stored.id] = stored
        return stored

    async def active(self, user_id: int) -> Plan | None:
        mine = [p for p in self.rows.values() if p.user_id == user_id]
        return next((p for p in mine if p.status is PlanStatus.ACTIVE), None)

    async def get(self, user_id: int, plan_id: int) -> Plan | None:
        plan = self.rows.get(plan_id)
        return plan if plan is not None and plan.user_id == user_id else None

    async def archive_active(self, user_id: int) -> None:
        active = await self.active(user_id)
        if active is not None:
            self.rows[active.id] = replace(active, status=PlanStatus.ARCHIVED)

    async def set_status(self, user_id: int, plan_id: int, status: PlanStatus) -> bool:
        plan = await self.get(user_id, plan_id)
        if plan is not None:
            self.rows[plan_id] = replace(plan, status=status)
        return plan is not None

    async def save_week(self, plan_id: int, week: PlanWeek) -> None:
        plan = self.rows[plan_id]
        weeks = tuple(week if old.index == week.index else old for old in plan.weeks)
        self.rows[plan_id] = replace(plan, weeks=weeks)
        self.saved_weeks += 1

    async def all(self, user_id: int) -> list[Plan]:
        return [p for p in self.rows.values() if p.user_id == user_id]


class FakeImportRepository:
    def __init__(self) -> None:
        self.rows: dict[int, tuple[int, ImportMeta, bytes]] = {}

    async def add(self, user_id: int, meta: ImportMeta, samples: bytes) -> None:
        self.rows[meta.workout_id] = (user_id, meta, samples)

    async def workout_by_hash(self, user_id: int, sha256: str) -> int | None:
        found = [
            (meta.part, meta.workout_id)
            for owner, meta, _ in self.rows.values()
            if owner == user_id and meta.sha256 == sha256
        ]
        return min(found)[1] if found else None

    async def get(self, user_id: int, workout_id: int) -> tuple[ImportMeta, bytes] | None:
        row = self.rows.get(workout_id)
        return (row[1], row[2]) if row is not None and row[0] == user_id else None

    async def elevation_gain(self, user_id: int, workout_id: int) -> float | None:
        row = self.rows.get(workout_id)
        return row[1].elevation_gain_m if row is not None and row[0] == user_id else None

    async def all(self, user_id: int) -> list[ImportMeta]:
        return [meta for owner, meta, _ in self.rows.values() if owner == user_id]


class FakeLiveTrackRepository:
    def __init__(self) -> None:
        self.tracks: dict[int, LiveTrack] = {}
        self.points: dict[int, list[Fix]] = {}

    async def add(self, track: LiveTrack) -> LiveTrack:
        stored = replace(track, id=len(self.tracks) + 1)
        self.tracks[stored.id] = stored
        self.points[stored.id] = [track.last_kept]
        return stored

    async def get(self, user_id: int, track_id: int) -> LiveTrack | None:
        track = self.tracks.get(track_id)
        return track if track is not None and track.user_id == user_id else None

    async def by_message(self, user_id: int, chat_id: int, message_id: int) -> LiveTrack | None:
        for track in self.tracks.values():
            if (track.user_id, track.chat_id, track.message_id) == (user_id, chat_id, message_id):
                return track
        return None

    async def save(self, track: LiveTrack) -> None:
        self.tracks[track.id] = replace(track, state=self.tracks[track.id].state)

    async def append(self, track_id: int, fix: Fix) -> None:
        if any(point.at == fix.at for point in self.points[track_id]):
            raise AssertionError("two positions of one track at the same time")
        self.points[track_id].append(fix)

    async def fixes(self, track_id: int) -> list[Fix]:
        return sorted(self.points[track_id], key=lambda fix: fix.at)

    async def move(self, track_id: int, states: Collection[TrackState], to: TrackState) -> bool:
        track = self.tracks[track_id]
        if track.state not in states:
            return False
        self.tracks[track_id] = replace(track, state=to)
        return True

    async def forget_fixes(self, track_id: int) -> None:
        self.points[track_id] = []

    async def stale(self, now: datetime, limit: int) -> list[tuple[int, int]]:
        due = [t for t in self.tracks.values() if t.state.open and t.stale_at <= now]
        due.sort(key=lambda t: (t.stale_at, t.id))
        return [(t.user_id, t.id) for t in due[:limit]]


class FakeUnitOfWork:
    def __init__(self) -> None:
        self._users = FakeUserRepository()
        self._updates = FakeUpdateLog()
        self._workouts = FakeWorkoutRepository()
        self._records = FakeRecordRepository()
        self._checkins = FakeCheckInRepository()
        self._thresholds = FakeThresholdRepository()
        self._strength = FakeStrengthRepository(self._workouts)
        self._notifications = FakeNotificationLog(self._users)
        self._plans = FakePlanRepository()
        self._imports = FakeImportRepository()
        self._admins = FakeAdminRepository()
        self._campaigns = FakeCampaignRepository(self._users, self._admins)
        self._partners = FakePartnerRepository(self._users)
        self._growth = FakeGrowthRepository()
        self._live_tracks = FakeLiveTrackRepository()
        self._devices = FakeDeviceRepository()
        self._groups = FakeGroupRepository(self._users, self._workouts)
        self._campaigns.groups = self._groups
        self._challenges = FakeChallengeRepository(self._users.committed, self._workouts.rows)
        self.commits = 0
        self.reading = False
        self.read_only_blocks = 0
        self._gamification = FakeGamificationRepository(self._users, self._imports)
        self._awards = FakeAwardRepository(self._gamification, self._groups, self._challenges)

    @property
    def imports(self) -> FakeImportRepository:
        return self._imports

    @property
    def admins(self) -> FakeAdminRepository:
        return self._admins

    @property
    def campaigns(self) -> FakeCampaignRepository:
        return self._campaigns

    @property
    def partners(self) -> FakePartnerRepository:
        return self._partners

    @property
    def growth(self) -> FakeGrowthRepository:
        return self._growth

    @property
    def challenges(self) -> FakeChallengeRepository:
        return self._challenges

    @property
    def checkins(self) -> FakeCheckInRepository:
        return self._checkins

    @property
    def thresholds(self) -> FakeThresholdRepository:
        return self._thresholds

    @property
    def strength(self) -> FakeStrengthRepository:
        return self._strength

    @property
    def notifications(self) -> FakeNotificationLog:
        return self._notifications

    @property
    def plans(self) -> FakePlanRepository:
        return self._plans

    @property
    def records(self) -> FakeRecordRepository:
        return self._records

    @property
    def workouts(self) -> FakeWorkoutRepository:
        return self._workouts

    @property
    def users(self) -> FakeUserRepository:
        return self._users

    @property
    def updates(self) -> FakeUpdateLog:
        return self._updates

    @property
    def gamification(self) -> FakeGamificationRepository:
        return self._gamification

    @property
    def live_tracks(self) -> FakeLiveTrackRepository:
        return self._live_tracks

    @property
    def devices(self) -> FakeDeviceRepository:
        return self._devices

    @property
    def groups(self) -> FakeGroupRepository:
        return self._groups

    @property
    def awards(self) -> FakeAwardRepository:
        return self._awards

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._users.pending.clear()
        self.reading = False

    async def read_only(self) -> None:
        self.reading = True
        self.read_only_blocks += 1

    async def commit(self) -> None:
        assert not self.reading, "a block declared read-only commits"
        for user_id, user in self._users.pending.items():
            if user is None:
                self._users.committed.pop(user_id, None)
            else:
                self._users.committed[user_id] = user
        self._users.pending.clear()
        self.commits += 1


class FakeTimezones:
    def __init__(self, zone: str | None = "Europe/Moscow") -> None:
        self.zone = zone

    def timezone_at(self, latitude: float, longitude: float) -> str | None:
        return self.zone


class FakeAdminRepository:
    def __init__(self) -> None:
        self.roles: dict[int, Role] = {}
        self.bans: dict[int, Ban] = {}
        self.entries: list[AuditEntry] = []

    async def role(self, user_id: int) -> Role | None:
        return self.roles.get(user_id)

    async def grant(self, user_id: int, role: Role, at: datetime) -> None:
        self.roles[user_id] = role

    async def revoke(self, user_id: int) -> None:
        self.roles.pop(user_id, None)

    async def ban(
        self, user_id: int, at: datetime, reason: str | None = None, by: int | None = None
    ) -> None:
        self.bans[user_id] = Ban(user_id, at, reason, by)

    async def ban_of(self, user_id: int) -> Ban | None:
        return self.bans.get(user_id)

    async def stats(self, now: datetime, weeks: int) -> AdminStats:
        raise NotImplementedError("the console's numbers are SQL: tests/integration")

    async def find_users(self, query: str, offset: int, limit: int) -> tuple[list[User], int]:
        raise NotImplementedError("the user search is SQL: tests/integration")

    async def card(self, user_id: int) -> UserCard | None:
        raise NotImplementedError("the user card is SQL: tests/integration")

    async def unban(self, user_id: int) -> None:
        self.bans.pop(user_id, None)

    async def audit(self, entry: AuditEntry) -> None:
        self.entries.append(entry)

    async def audit_log(self, limit: int) -> list[AuditEntry]:
        return list(reversed(self.entries))[:limit]


class FakeCampaignRepository:
    """Campaigns and deliveries in dicts; the audience rule as the SQL one states it."""

    def __init__(self, users: FakeUserRepository, admins: FakeAdminRepository) -> None:
        self._users = users
        self._admins = admins
        self.campaigns: dict[int, Campaign] = {}
        self.deliveries: dict[int, dict[str, Any]] = {}
        self.groups: FakeGroupRepository | None = None  # set by the unit of work

    async def add(self, campaign: Campaign) -> Campaign:
        stored = replace(campaign, id=len(self.campaigns) + 1)
        self.campaigns[stored.id] = stored
        return stored

    async def get(self, campaign_id: int) -> Campaign | None:
        return self.campaigns.get(campaign_id)

    async def save(self, campaign: Campaign) -> None:
        self.campaigns[campaign.id] = campaign

    async def in_state(self, states: Any) -> list[Campaign]:
        return [c for c in self.campaigns.values() if c.state.value in states]

    def _audience(self, audience: Audience) -> list[int]:
        return sorted(
            user.id
            for user in self._users.committed.values()
            if user.notifications.promotions
            and user.bot_blocked_at is None
            and user.id not in self._admins.bans
            and (not audience.languages or user.language in audience.languages)
            and (not audience.sports or user.profile.sports & audience.sports)
            and (not audience.levels or user.profile.level in audience.levels)
            and (not audience.city or user.profile.city == audience.city)
            and (not audience.groups or user.id in self._members_of(audience.groups))
        )

    def _members_of(self, codes: frozenset[str]) -> set[int]:
        groups = self.groups
        assert groups is not None
        ids = {group.id for group in groups.groups.values() if group.code in codes}
        return {
            user_id
            for (group_id, user_id), membership in groups.memberships.items()
            if group_id in ids and membership.state.value == "active"
        }

    async def audience_count(self, audience: Audience, now: datetime) -> int:
        return len(self._audience(audience))

    async def audience_after(
        self, user_id: int, limit: int, audience: Audience, now: datetime
    ) -> list[int]:
        return [uid for uid in self._audience(audience) if uid > user_id][:limit]

    async def start_due(self, now: datetime) -> list[int]:
        due = [
            c for c in self.campaigns.values()
            if c.state is CampaignState.SCHEDULED and c.scheduled_at and c.scheduled_at <= now
        ]  # fmt: skip
        for campaign in due:
            self.campaigns[campaign.id] = replace(
                campaign, state=CampaignState.SENDING, started_at=now
            )
        return [campaign.id for campaign in due]

    async def deliveries_of(self, user_id: int) -> list[dict[str, Any]]:
        return [
            {"campaign_id": d["campaign_id"], "state": str(d["state"])}
            for d in self.deliveries.values()
            if d["user_id"] == user_id
        ]

    async def add_deliveries(self, campaign_id: int, user_ids: Any, at: datetime) -> None:
        known = {(d["campaign_id"], d["user_id"]) for d in self.deliveries.values()}
        for user_id in user_ids:
            if (campaign_id, user_id) not in known:
                key = len(self.deliveries) + 1
                self.deliveries[key] = {"id": key, "campaign_id": campaign_id,
                    "user_id": user_id, "state": DeliveryState.PENDING, "attempts": 0,
                    "due_at": at, "claimed_by": None, "claimed_at": None,
                    "reason": None}  # fmt: skip

    async def claim(self, owner: str, now: datetime, limit: int) -> list[Claimed]:
        sending = {c.id for c in self.campaigns.values() if c.state.value == "sending"}
        due = [d for d in self.deliveries.values() if d["state"] is DeliveryState.PENDING
               and d["due_at"] <= now and d["campaign_id"] in sending][:limit]  # fmt: skip
        claimed = []
        for row in due:
            row.update(state=DeliveryState.CLAIMED, claimed_by=owner, claimed_at=now)
            user = self._users.committed[row["user_id"]]
            claimed.append(
                Claimed(row["id"], row["campaign_id"], user.id, user.language, row["attempts"])
            )
        return claimed

    async def begin(self, owner: str, delivery_ids: Any, now: datetime) -> set[int]:
        begun = set()
        for key in delivery_ids:
            row = self.deliveries[key]
            if row["state"] is DeliveryState.CLAIMED and row["claimed_by"] == owner:
                row.update(state=DeliveryState.SENDING, claimed_at=now)
                begun.add(key)
        return begun

    async def record(self, outcomes: Any, now: datetime) -> None:
        for outcome in outcomes:
            assert isinstance(outcome, Outcome)
            row = self.deliveries[outcome.delivery_id]
            if row["state"] is DeliveryState.SENDING:
                row.update(state=outcome.state, attempts=outcome.attempts,
                           reason=outcome.reason, claimed_by=None,
                           due_at=outcome.due_at or row["due_at"])  # fmt: skip

    async def release(self, owner: str, campaign_ids: Any = None) -> int:
        rows = [d for d in self.deliveries.values() if d["state"] is DeliveryState.CLAIMED
                and d["claimed_by"] == owner
                and (campaign_ids is None or d["campaign_id"] in campaign_ids)]  # fmt: skip
        for row in rows:
            row.update(state=DeliveryState.PENDING, claimed_by=None)
        return len(rows)

    async def recover(self, before: datetime) -> tuple[int, int]:
        released = lost = 0
        for row in self.deliveries.values():
            stale = row["claimed_at"] is not None and row["claimed_at"] < before
            if stale and row["state"] is DeliveryState.CLAIMED:
                row.update(state=DeliveryState.PENDING, claimed_by=None)
                released += 1
            elif stale and row["state"] is DeliveryState.SENDING:
                row.update(state=DeliveryState.UNKNOWN, claimed_by=None)
                lost += 1
        return released, lost

    async def counts(self, campaign_id: int) -> Counts:
        states = [d["state"] for d in self.deliveries.values() if d["campaign_id"] == campaign_id]
        return Counts(
            sent=states.count(DeliveryState.SENT),
            failed=states.count(DeliveryState.FAILED),
            blocked=states.count(DeliveryState.BLOCKED),
            unknown=states.count(DeliveryState.UNKNOWN),
            left=sum(1 for state in states if state in OPEN_DELIVERIES),
        )

    async def open_count(self, campaign_id: int) -> int:
        return (await self.counts(campaign_id)).left
