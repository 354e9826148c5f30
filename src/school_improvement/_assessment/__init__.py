"""Assessment: evidence, stage rules, the checked self-evaluation, stage profiles, evidence quality, progress."""
