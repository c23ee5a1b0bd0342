"""Helpers the rules of several families share (the effective template version, …)."""
