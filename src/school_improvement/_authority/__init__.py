"""The local authority's view: the school register, the survey, roll-ups and collaboration matching."""
