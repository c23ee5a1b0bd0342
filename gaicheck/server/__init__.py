"""Web server: the last stage of the flow for clerks (an HTML page) and portals (an HTTP API).

upload → **server** (size and zip limits, worker thread with a time limit) → gaicheck.api.parse_bytes →
rule engine → page (gaicheck/server/view.py + templates/) or JSON (gaicheck.output.jsonout).
Starlette and uvicorn are imported only inside this package (`pip install 'gaicheck[server]'`).
"""
