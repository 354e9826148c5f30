"""The min-cost-flow solver: its shortcuts send exactly the flow of the plain primal-dual method."""

import heapq
import random

import pytest

from school_improvement._authority.flow import FlowNetwork, _initial_potential, solve


def _plain_distances(network: FlowNetwork, potential: list[int]) -> list[int] | None:
    """Dijkstra's algorithm with a heap, run to the end: each node's reduced-cost distance, capped at the sink's."""
    head, capacity, cost, out = network.head, network.capacity, network.cost, network.out
    distance: list[int | None] = [None] * len(out)
    distance[0] = 0
    heap = [(0, 0)]
    while heap:
        reach, node = heapq.heappop(heap)
        if reach != distance[node]:
            continue
        for arc in out[node]:
            if capacity[arc]:
                other = head[arc]
                through = reach + cost[arc] + potential[node] - potential[other]
                known = distance[other]
                if known is None or through < known:
                    distance[other] = through
                    heapq.heappush(heap, (through, other))
    sink = distance[1]
    if sink is None:
        return None
    return [sink if reach is None else min(reach, sink) for reach in distance]


def _plain_blocking_flow(admissible: list[list[int]], network: FlowNetwork, level: list[int]) -> None:
    """Dinic's blocking flow searching every node with a level, dead ends beyond the sink's level included."""
    head, capacity = network.head, network.capacity
    next_arc = [0] * len(admissible)
    path: list[int] = []
    node = 0
    while True:
        if node == 1:
            amount = min(capacity[arc] for arc in path)
            for arc in path:
                capacity[arc] -= amount
                capacity[arc ^ 1] += amount
            path.clear()
            node = 0
            continue
        arcs, place = admissible[node], next_arc[node]
        while place < len(arcs) and not (capacity[arcs[place]] and level[head[arcs[place]]] == level[node] + 1):
            place += 1
        next_arc[node] = place
        if place < len(arcs):
            path.append(arcs[place])
            node = head[arcs[place]]
            continue
        if node == 0:
            return
        level[node] = -1
        node = head[path.pop() ^ 1]
        next_arc[node] += 1


def _plain_solve(network: FlowNetwork) -> None:
    """The primal-dual method with a plain Dijkstra, every node's admissible arcs listed in each phase, no shortcut."""
    head, cost, out = network.head, network.cost, network.out
    potential = _initial_potential(network)
    while (distance := _plain_distances(network, potential)) is not None:
        potential = [p + d for p, d in zip(potential, distance, strict=True)]
        if potential[1] - potential[0] >= 0:
            return
        admissible = [
            [arc for arc in arcs if cost[arc] + potential[n] == potential[head[arc]]] for n, arcs in enumerate(out)
        ]
        while True:
            level = [-1] * len(out)
            level[0] = 0
            queue = [0]
            for node in queue:
                if node == 1:
                    break
                for arc in admissible[node]:
                    if network.capacity[arc] and level[head[arc]] < 0:
                        level[head[arc]] = level[node] + 1
                        queue.append(head[arc])
            if level[1] < 0:
                break
            _plain_blocking_flow(admissible, network, level)


def _matching_network(seed: int) -> FlowNetwork:
    """A network shaped as the matching's: supporters, hubs, priorities and partners, with many equal benefits."""
    rng = random.Random(seed)  # noqa: S311 (repeatable made-up networks)
    network = FlowNetwork()
    supporters = [network.node() for _ in range(rng.randint(1, 12))]
    hubs = [network.node() for _ in range(rng.randint(1, 10))]
    partners = [network.node() for _ in range(rng.randint(1, 12))]
    slots = [(network.node(), partner) for partner in partners for _ in range(rng.randint(0, 3))]
    for supporter in supporters:
        network.arc(0, supporter, rng.randint(0, 3))
        for hub in rng.sample(hubs, rng.randint(0, len(hubs))):
            network.arc(supporter, hub, rng.randint(1, 2))
    for partner in partners:
        network.arc(partner, 1, rng.randint(1, 2))
    for slot, partner in slots:
        network.arc(slot, partner, 1)
        for hub in rng.sample(hubs, rng.randint(0, len(hubs))):
            network.arc(hub, slot, 1, rng.randint(1, 6))
    return network


@pytest.mark.parametrize("seed", range(300))
def test_solve_sends_the_plain_methods_flow(seed: int) -> None:
    """Every arc carries what the plain primal-dual method sends it, among equally good flows."""
    fast, plain = _matching_network(seed), _matching_network(seed)
    solve(fast)
    _plain_solve(plain)
    assert fast.capacity == plain.capacity


def test_arcs_makes_what_arc_makes_one_by_one() -> None:
    """Arcs made together are numbered, listed and priced as arcs made one at a time."""
    single, together = FlowNetwork(), FlowNetwork()
    for network in (single, together):
        for _ in range(4):
            network.node()
        network.arc(0, 2, 2)
    for tail, benefit in ((2, 3), (3, 0), (4, 5)):
        single.arc(tail, 5, 1, benefit)
    together.arcs([2, 3, 4], 5, 1, [3, 0, 5])
    for network in (single, together):
        network.arc(5, 1, 1)
    assert (together.head, together.capacity, together.original, together.cost, together.out) == (
        single.head,
        single.capacity,
        single.original,
        single.cost,
        single.out,
    )
