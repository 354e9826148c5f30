"""The greatest-benefit choice of partnerships, as a minimum-cost flow.

The network: a source feeds each supporting school up to its capacity; each
candidate partnership is an arc, costing minus its benefit, from a supporting
school to one priority of a partner school; each priority takes at most one
arc; each partner school takes at most its limit of partnerships; and every
partner school drains to the sink.

The solver is the primal-dual method: Dijkstra's algorithm on reduced costs
finds the cost of the cheapest augmenting path, and a maximum flow along the
arcs of zero reduced cost (by Dinic's blocking flows) sends as much as can go
at that cost. Path costs never fall from one phase to the next, so once the
cheapest path costs nothing or more, no further partnership adds benefit and
the flow is optimal. Benefits are integers, so every comparison is exact and
there are at most as many phases as the largest benefit, plus one.
"""

import heapq

_SOURCE, _SINK = 0, 1


class FlowNetwork:
    """A network whose flow of greatest total benefit [`solve`][school_improvement._authority.flow.solve] finds.

    Node 0 is the source and node 1 the sink; arcs must not form a cycle. The
    arcs live in flat lists: arc ``e`` and its reverse ``e ^ 1`` side by side,
    each with the capacity it has left and its cost (minus its benefit).
    """

    def __init__(self) -> None:
        self.head: list[int] = []
        self.capacity: list[int] = []
        self.original: list[int] = []
        self.cost: list[int] = []
        self.out: list[list[int]] = [[], []]

    def node(self) -> int:
        """A new node."""
        self.out.append([])
        return len(self.out) - 1

    def arc(self, tail: int, head: int, capacity: int, benefit: int = 0) -> int:
        """A new arc, carrying at most ``capacity`` at ``benefit`` per unit."""
        arc = len(self.head)
        self.head += [head, tail]
        self.capacity += [capacity, 0]
        self.original += [capacity, 0]
        self.cost += [-benefit, benefit]
        self.out[tail].append(arc)
        self.out[head].append(arc + 1)
        return arc

    def flow(self, arc: int) -> int:
        """How much the arc carries."""
        return self.original[arc] - self.capacity[arc]


def _distances(network: FlowNetwork, potential: list[int]) -> list[int] | None:
    """Reduced-cost distances from the source, capped at the sink's; ``None`` if the sink is out of reach."""
    nodes = len(network.out)
    infinity = float("inf")
    distance: list[float] = [infinity] * nodes
    distance[_SOURCE] = 0
    done = [False] * nodes
    heap = [(0, _SOURCE)]
    head, capacity, cost, out = network.head, network.capacity, network.cost, network.out
    while heap:
        reach, node = heapq.heappop(heap)
        if done[node]:
            continue
        done[node] = True
        if node == _SINK:
            break
        base = reach + potential[node]
        for arc in out[node]:
            if capacity[arc]:
                other = head[arc]
                through = base + cost[arc] - potential[other]
                if through < distance[other]:
                    distance[other] = through
                    heapq.heappush(heap, (through, other))
    if not done[_SINK]:
        return None
    sink = int(distance[_SINK])
    # A node not settled before the sink is at least as far as the sink.
    return [int(distance[node]) if done[node] else sink for node in range(nodes)]


def _levels(admissible: list[list[int]], network: FlowNetwork) -> list[int]:
    """Breadth-first levels from the source over the admissible arcs with capacity left."""
    level = [-1] * len(admissible)
    level[_SOURCE] = 0
    queue = [_SOURCE]
    head, capacity = network.head, network.capacity
    for node in queue:
        if node == _SINK:
            break
        for arc in admissible[node]:
            other = head[arc]
            if capacity[arc] and level[other] < 0:
                level[other] = level[node] + 1
                queue.append(other)
    return level


def _blocking_flow(admissible: list[list[int]], network: FlowNetwork, level: list[int]) -> None:
    """Send flow along shortest admissible paths until every one is blocked (iteratively: paths can be long)."""
    head, capacity, out = network.head, network.capacity, admissible
    next_arc = [0] * len(out)
    path: list[int] = []
    node = _SOURCE
    while True:
        if node == _SINK:
            amount = min(capacity[arc] for arc in path)
            for arc in path:
                capacity[arc] -= amount
                capacity[arc ^ 1] += amount
            path.clear()
            node = _SOURCE
            continue
        arcs = out[node]
        place = next_arc[node]
        while place < len(arcs):
            arc = arcs[place]
            other = head[arc]
            if capacity[arc] and level[other] == level[node] + 1:
                break
            place += 1
        next_arc[node] = place
        if place < len(arcs):
            path.append(arcs[place])
            node = head[arcs[place]]
            continue
        if node == _SOURCE:
            return
        level[node] = -1  # a dead end: no path to the sink goes through it any more
        arc = path.pop()
        node = head[arc ^ 1]
        next_arc[node] += 1


def _initial_potential(network: FlowNetwork) -> list[int]:
    """Distances from the source over the arcs with capacity, in topological order: the network has no cycle yet."""
    nodes = len(network.out)
    head, capacity, cost, out = network.head, network.capacity, network.cost, network.out
    waiting = [0] * nodes
    for node in range(nodes):
        for arc in out[node]:
            if capacity[arc]:
                waiting[head[arc]] += 1
    potential = [0] * nodes
    reached = [False] * nodes
    reached[_SOURCE] = True
    ready = [node for node in range(nodes) if not waiting[node]]
    for node in ready:
        for arc in out[node]:
            if capacity[arc]:
                other = head[arc]
                if reached[node]:
                    through = potential[node] + cost[arc]
                    if not reached[other] or through < potential[other]:
                        potential[other] = through
                        reached[other] = True
                waiting[other] -= 1
                if not waiting[other]:
                    ready.append(other)
    return potential


def _admissible(network: FlowNetwork, potential: list[int]) -> list[list[int]]:
    """Each node's arcs of zero reduced cost, either way round: the only arcs a phase's flow may use."""
    head, cost, out = network.head, network.cost, network.out
    return [
        [arc for arc in arcs if cost[arc] + potential[node] == potential[head[arc]]] for node, arcs in enumerate(out)
    ]


def solve(network: FlowNetwork) -> None:
    """Send the flow of greatest total benefit from the source to the sink (any amount, including none).

    Benefits must be integers. Afterwards [`FlowNetwork.flow`][school_improvement._authority.flow.FlowNetwork.flow]
    gives each arc's flow.
    """
    potential = _initial_potential(network)
    while True:
        distance = _distances(network, potential)
        if distance is None:
            return
        potential = [p + d for p, d in zip(potential, distance, strict=True)]
        if potential[_SINK] - potential[_SOURCE] >= 0:
            return  # the cheapest augmenting path adds no benefit
        admissible = _admissible(network, potential)
        while True:
            level = _levels(admissible, network)
            if level[_SINK] < 0:
                break
            _blocking_flow(admissible, network, level)
