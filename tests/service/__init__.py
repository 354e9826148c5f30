"""The library over HTTP: a real uvicorn server, called as an integrator would call it."""
