"""What people see, one module a command: Rich tables and text, and the caseload's CSV.

JSON is each result's own `to_json()`, printed by the CLI.
"""
