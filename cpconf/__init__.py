"""cpconf: prepare UK child protection conferences from one YAML case file."""

__version__ = "0.1.0"
