"""What people see, one module a command: Rich tables and text (machine output is each
result's own `to_json()`, printed by the CLI)."""
