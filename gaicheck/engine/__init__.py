"""Former rule engine package: the rules now live in gaicheck/checks/ (one module per code); the modules
left here only re-export moved names for old import paths (see CHANGELOG.md)."""
