"""Reports on the web (command line only, never the server): `gaicheck check https://…/t20240131_86688.htm`.

pipeline.single (a URL task) → **download** (the page, then each attachment it links, within the limits)
→ **bundle** (the page's Document with the attachments' blocks appended, their locations naming the
attachment) → extractor → rules: one report per page.
"""
