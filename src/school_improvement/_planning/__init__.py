"""Planning: gaps to targets, next steps, the development plan draft, and the whole cycle in one call."""
