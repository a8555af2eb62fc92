"""`finsam serve`: a read-only web view of a store for the board and the auditors, a
face of its own beside ``cli/`` (it imports nothing of the CLI; the CLI's catalogue
names the command by its module path).

``serve.py`` is the command (host, port, token); ``app.py`` the ASGI application
(Starlette): the clocks in the URL, the token, the security headers and the error
pages; ``pages.py`` what each page shows, asked through ``projections.queries.Reader.at``
(the store bound to the URL's two clocks) like every other reader; ``templates/`` and ``static/`` ship with the package.
Starlette, uvicorn and Jinja2 are imported only when the view is started.
"""
