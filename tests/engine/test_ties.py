import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from warmnet.engine.data import ActivityKind, AttendanceStatus, NetworkData
from warmnet.engine.frame import frame
from warmnet.engine.settings import AnalysisSettings
from warmnet.engine.ties import tie_matrices, tie_matrix
from warmnet.engine.warmth import warmth

from .conftest import Net

DAY = np.datetime64("2024-06-01", "D")


def ties_of(data: NetworkData, as_of=DAY, **overrides) -> np.ndarray:
    return tie_matrix(frame(data, as_of, AnalysisSettings(**overrides))).toarray()


def layers_of(data: NetworkData, as_of=DAY, **overrides) -> tuple[np.ndarray, np.ndarray]:
    t = tie_matrices(frame(data, as_of, AnalysisSettings(**overrides)))
    return t.relational.toarray(), t.familiarity.toarray()


def test_two_people_in_a_two_hour_working_session_get_two_effective_hours(net: Net) -> None:
    o = net.org("A")
    a, b = net.member("a", o), net.member("b", o)
    net.activity("2024-06-01", [a, b], hours=2.0)
    assert ties_of(net.build())[a, b] == 2.0


def test_a_working_session_is_familiarity_and_an_informal_meeting_is_relational(
    net: Net,
) -> None:
    o = net.org("A")
    a, b, c = (net.member(x, o) for x in "abc")
    net.activity("2024-06-01", [a, b], hours=2.0)  # content: familiarity only
    # 3 h informal with three people: 3 h / 2 others = 1.5 per pair, relational only
    net.activity("2024-06-01", [a, b, c], hours=3.0, kind=ActivityKind.INFORMAL_MEETING)
    rel, fam = layers_of(net.build())
    assert rel[a, b] == rel[a, c] == rel[b, c] == 1.5
    assert fam[a, b] == 2.0 and fam[a, c] == 0.0
    assert np.all(np.diag(rel) == 0) and np.all(np.diag(fam) == 0)


def test_a_mixed_activity_splits_by_its_relationship_share(net: Net) -> None:
    o = net.org("A")
    a, b = net.member("a", o), net.member("b", o)
    net.activity("2024-06-01", [a, b], hours=1.0, kind=ActivityKind.MIXED)  # rho 0.3
    rel, fam = layers_of(net.build())
    assert rel[a, b] == pytest.approx(0.3) and fam[a, b] == pytest.approx(0.7)


def test_a_contribution_halves_every_ninety_days_of_the_networks_clock(net: Net) -> None:
    o = net.org("A")
    a, b, c = net.member("a", o), net.member("b", o), net.member("c", o)
    net.activity("2024-03-03", [a, b], hours=2.0)  # 90 days before 2024-06-01
    net.activity("2024-06-01", [b, c], hours=1.0)  # the network's last active day
    assert ties_of(net.build())[a, b] == pytest.approx(1.0)


def test_accepted_counts_only_when_nobody_was_marked_attended(net: Net) -> None:
    o = net.org("A")
    a, b, c = (net.member(x, o) for x in "abc")
    only_rsvp = net.activity("2024-06-01", [a, b], status=AttendanceStatus.ACCEPTED)
    recorded = net.activity("2024-06-01", [a, c], hours=1.0)
    net.attend(b, recorded, AttendanceStatus.ACCEPTED)  # accepted but not there
    net.attend(c, only_rsvp, AttendanceStatus.DECLINED)
    t = ties_of(net.build())
    assert t[a, b] == 2.0
    assert t[a, c] == 1.0
    assert t[b, c] == 0.0


def test_a_contact_adds_one_relational_hour(net: Net) -> None:
    o = net.org("A")
    a, b = net.member("a", o), net.member("b", o)
    net.contact(a, b, "2024-06-01")
    rel, fam = layers_of(net.build())
    assert rel[a, b] == 1.0 and fam[a, b] == 0.0


def test_members_who_left_are_out_but_still_made_the_room_bigger(net: Net) -> None:
    o = net.org("A")
    a, b = net.member("a", o), net.member("b", o)
    gone = net.member("c", o, left="2024-05-15")
    net.activity("2024-05-01", [a, b, gone], hours=2.0)
    t = ties_of(net.build(), as_of=np.datetime64("2024-05-01"))
    assert t[a, b] == 1.0 and t[a, gone] == 1.0
    t = ties_of(net.build(), as_of=np.datetime64("2024-05-20"))
    assert t[a, gone] == 0.0
    # nothing happened since 1 May: on the network's clock the tie has not aged
    assert t[a, b] == 1.0


# --- properties -------------------------------------------------------------------------

KINDS = list(ActivityKind)


@st.composite
def networks(draw: st.DrawFn) -> NetworkData:
    net = Net()
    n_orgs = draw(st.integers(1, 3))
    for i in range(n_orgs):
        net.org(f"org {i}")
    n = draw(st.integers(2, 7))
    for i in range(n):
        net.member(f"m{i}", draw(st.integers(0, n_orgs - 1)))
    for _ in range(draw(st.integers(0, 8))):
        day = np.datetime64("2024-01-01") + draw(st.integers(0, 200))
        people = draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
        net.activity(
            str(day),
            people,
            hours=draw(st.sampled_from([0.5, 1.0, 2.0, 3.0])),
            kind=draw(st.sampled_from(KINDS)),
        )
    for _ in range(draw(st.integers(0, 3))):
        a, b = draw(st.integers(0, n - 1)), draw(st.integers(0, n - 1))
        net.contact(a, b, str(np.datetime64("2024-01-01") + draw(st.integers(0, 200))))
    return net.build()


AS_OF = np.datetime64("2024-07-31", "D")


@settings(max_examples=40, deadline=None)
@given(networks())
def test_tie_strengths_are_symmetric_and_never_negative(data: NetworkData) -> None:
    t = ties_of(data, AS_OF)
    assert np.allclose(t, t.T)
    assert (t >= 0).all()


@settings(max_examples=30, deadline=None)
@given(networks(), st.integers(0, 6), st.data())
def test_an_extra_informal_activity_on_the_last_active_day_never_lowers_a_tie_or_warmth(
    data: NetworkData, seed: int, draw: st.DataObject
) -> None:
    # (a later one moves the network's clock on, and every other tie ages by it)
    n = data.n_members
    people = draw.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True))
    clock = frame(data, AS_OF, AnalysisSettings()).clock
    extra = _with_activity(data, people, str(clock))
    before, after = ties_of(data, AS_OF), ties_of(extra, AS_OF)
    assert (after >= before - 1e-12).all()
    st_ = AnalysisSettings()
    w0 = warmth(frame(data, AS_OF, st_), tie_matrix(frame(data, AS_OF, st_)))
    w1 = warmth(frame(extra, AS_OF, st_), tie_matrix(frame(extra, AS_OF, st_)))
    assert (w1.strength >= w0.strength - 1e-12).all()
    assert (w1.warm_ties >= w0.warm_ties).all()


def _with_activity(data: NetworkData, people: list[int], day: str, hours: float = 1.0):
    from dataclasses import replace

    row = data.n_activities
    return replace(
        data,
        activity_id=np.append(data.activity_id, row),
        activity_kind=np.append(data.activity_kind, np.int8(ActivityKind.INFORMAL_MEETING)),
        activity_share=np.append(data.activity_share, 1.0),
        activity_start=np.append(data.activity_start, np.datetime64(day, "s")),
        activity_hours=np.append(data.activity_hours, hours),
        activity_host_org=np.append(data.activity_host_org, -1),
        activity_dossier=np.append(data.activity_dossier, -1),
        activity_title=[*data.activity_title, "extra"],
        attendance_member=np.append(data.attendance_member, people),
        attendance_activity=np.append(data.attendance_activity, [row] * len(people)),
        attendance_status=np.append(
            data.attendance_status, [AttendanceStatus.ATTENDED] * len(people)
        ).astype(np.int8),
    )


@settings(max_examples=30, deadline=None)
@given(st.integers(1, 400), st.integers(1, 400))
def test_older_activities_weigh_less(age_a: int, age_b: int) -> None:
    def tie(age: int) -> float:
        net = Net()
        o = net.org("A")
        a, b, c = net.member("a", o), net.member("b", o), net.member("c", o)
        net.activity(str(AS_OF - age), [a, b])
        net.activity(str(AS_OF), [b, c])  # keeps the network's clock at AS_OF
        return float(ties_of(net.build(), AS_OF)[a, b])

    older_a, older_b = tie(age_a), tie(age_b)
    if age_a < age_b:
        assert older_a > older_b
    elif age_a == age_b:
        assert older_a == older_b


@settings(max_examples=30, deadline=None)
@given(networks(), st.data())
def test_activities_after_the_analysis_date_change_nothing(
    data: NetworkData, draw: st.DataObject
) -> None:
    n = data.n_members
    people = draw.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True))
    later = _with_activity(data, people, str(AS_OF + 1))
    assert np.array_equal(ties_of(data, AS_OF), ties_of(later, AS_OF))


@settings(max_examples=30, deadline=None)
@given(networks(), st.randoms(use_true_random=False))
def test_relabelling_members_permutes_the_ties_and_nothing_else(data, rnd) -> None:
    n = data.n_members
    perm = list(range(n))
    rnd.shuffle(perm)
    perm = np.array(perm)  # new row of old member i is perm[i]
    inverse = np.argsort(perm)
    from dataclasses import replace

    relabelled = replace(
        data,
        member_id=data.member_id[inverse],
        member_org=data.member_org[inverse],
        member_role=data.member_role[inverse],
        member_joined=data.member_joined[inverse],
        member_left=data.member_left[inverse],
        member_name=[data.member_name[i] for i in inverse],
        attendance_member=perm[data.attendance_member],
        contact_a=perm[data.contact_a],
        contact_b=perm[data.contact_b],
    )
    t, t2 = ties_of(data, AS_OF), ties_of(relabelled, AS_OF)
    assert np.allclose(t2[np.ix_(perm, perm)], t)
    s = AnalysisSettings()
    w = warmth(frame(data, AS_OF, s), tie_matrix(frame(data, AS_OF, s)))
    w2 = warmth(frame(relabelled, AS_OF, s), tie_matrix(frame(relabelled, AS_OF, s)))
    assert np.array_equal(w2.warm_ties[perm], w.warm_ties)
    assert np.allclose(w2.strength[perm], w.strength)
    assert sorted(perm[w.cold]) == sorted(w2.cold)
    assert np.array_equal(w.org_warm_ties, w2.org_warm_ties)
    assert w.index == w2.index


@settings(max_examples=15, deadline=None)
@given(networks(), st.data())
def test_the_whole_analysis_as_of_a_date_ignores_what_came_after(
    data: NetworkData, draw: st.DataObject
) -> None:
    from dataclasses import replace

    from warmnet.engine import analyse

    n = data.n_members
    people = draw.draw(st.lists(st.integers(0, n - 1), min_size=2, max_size=n, unique=True))
    later = _with_activity(data, people, str(AS_OF + draw.draw(st.integers(1, 90))))
    later = replace(
        later,
        contact_a=np.append(later.contact_a, people[0]),
        contact_b=np.append(later.contact_b, people[1]),
        contact_date=np.append(later.contact_date, AS_OF + 3),
    )
    before, after = analyse(data, AS_OF).to_dict(), analyse(later, AS_OF).to_dict()
    before.pop("timings"), after.pop("timings")
    assert before == after
