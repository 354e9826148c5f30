"""The four stages of Estyn's school improvement journey, in order."""

import enum


class Stage(enum.Enum):
    """A stage of the school improvement journey.

    The stages are developmental, not grades: "Starting the journey" does not
    mean unsatisfactory. They compare by their place in the journey, so
    ``max()`` and ``sorted()`` work on them.

    Examples:
        >>> from school_improvement import Stage
        >>> Stage.MAKING_PROGRESS < Stage.BUILDING_MOMENTUM
        True
        >>> Stage.STARTING_THE_JOURNEY.position
        1
        >>> Stage.MAKING_PROGRESS.next()
        <Stage.BUILDING_MOMENTUM: 'building-momentum'>
        >>> Stage.SUSTAINING_HIGH_STANDARDS.next() is None
        True
    """

    # Members are singletons compared by identity, so identity hashing is
    # consistent with equality, and much faster than Enum's hash of the name.
    __hash__ = object.__hash__

    STARTING_THE_JOURNEY = "starting-the-journey"
    MAKING_PROGRESS = "making-progress"
    BUILDING_MOMENTUM = "building-momentum"
    SUSTAINING_HIGH_STANDARDS = "sustaining-high-standards"

    @property
    def position(self) -> int:
        """The stage's place in the journey, from 1 (starting) to 4 (sustaining)."""
        return _POSITIONS[self]

    @classmethod
    def at(cls, position: int) -> "Stage":
        """The stage at a position from 1 to 4.

        Raises:
            ValueError: If the position is not from 1 to 4.
        """
        if not 1 <= position <= len(_ORDER):
            msg = f"a stage position is from 1 to {len(_ORDER)}, not {position}"
            raise ValueError(msg)
        return _ORDER[position - 1]

    def next(self) -> "Stage | None":
        """The stage after this one, or ``None`` for the last stage."""
        position = self.position
        return _ORDER[position] if position < len(_ORDER) else None

    def previous(self) -> "Stage | None":
        """The stage before this one, or ``None`` for the first stage."""
        position = self.position
        return _ORDER[position - 2] if position > 1 else None

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.position < other.position

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.position <= other.position

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.position > other.position

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Stage):
            return NotImplemented
        return self.position >= other.position


_ORDER: tuple[Stage, ...] = tuple(Stage)
_POSITIONS: dict[Stage, int] = {stage: index for index, stage in enumerate(_ORDER, start=1)}
