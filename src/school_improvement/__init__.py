"""Wales' school improvement framework as typed data and pure functions.

The content is Estyn's school improvement journeys table (four stages, ten
aspects, 100 descriptors), the common characteristics of leaders, Welsh
Government's eight contributory factors, the national improvement priorities
and the five core principles of the revised School Improvement Guidance.

This library is independent: it is not endorsed by Estyn or Welsh Government.
"""

from school_improvement._content import (
    framework_from_data,
    load_framework,
    mappings_from_data,
    read_framework,
    read_mappings,
)
from school_improvement._converter import configure_converter, make_converter
from school_improvement._errors import FrameworkError, Problem, SchoolImprovementError, UnknownCodeError
from school_improvement._framework import (
    Aspect,
    Cell,
    ContributoryFactor,
    Descriptor,
    DescriptorItem,
    DescriptorKind,
    EditorialNote,
    Framework,
    LeadershipCharacteristic,
    NationalPriority,
    Notice,
    Principle,
    Provenance,
    SourceDocument,
    StageName,
)
from school_improvement._mappings import AspectFactorLink, Mappings, PriorityTag, TagBasis
from school_improvement._overview import overview
from school_improvement._stage import Stage
from school_improvement._text import Language, LocalisedText, Text, Welsh, WelshProvenance

__all__ = [
    "Aspect",
    "AspectFactorLink",
    "Cell",
    "ContributoryFactor",
    "Descriptor",
    "DescriptorItem",
    "DescriptorKind",
    "EditorialNote",
    "Framework",
    "FrameworkError",
    "Language",
    "LeadershipCharacteristic",
    "LocalisedText",
    "Mappings",
    "NationalPriority",
    "Notice",
    "Principle",
    "PriorityTag",
    "Problem",
    "Provenance",
    "SchoolImprovementError",
    "SourceDocument",
    "Stage",
    "StageName",
    "TagBasis",
    "Text",
    "UnknownCodeError",
    "Welsh",
    "WelshProvenance",
    "configure_converter",
    "framework_from_data",
    "load_framework",
    "make_converter",
    "mappings_from_data",
    "overview",
    "read_framework",
    "read_mappings",
]
