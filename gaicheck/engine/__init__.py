"""Rule engine: Report → **rules** → Findings. Each rule module registers functions that look at the
Report only and emit findings by catalogue code."""
