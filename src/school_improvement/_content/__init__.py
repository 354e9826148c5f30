"""Framework content: the edition's data, its editorial mappings, their consistency checks, and loading them."""
