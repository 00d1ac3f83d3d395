"""The composition root: the one package that knows both the backend and the LINE channel (and, in
development, the LINE emulator). It builds the web app (app/main.py) and the worker (app/worker.py), plugs the
channel's implementations into the backend's ports and mounts the channel's webhook."""
