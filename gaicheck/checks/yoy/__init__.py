"""YOY: cross-year rules (a report against the previous year's of the same organ; a county against its
subordinates). Run by gaicheck/series/crossfile.py over the pairs that gaicheck/series plans."""
