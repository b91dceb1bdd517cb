"""Getting the paperwork out: PDFs, email drafts and calendar invitations for a pack.

One concern a module:
- `pdf`: converting Word documents to PDF with LibreOffice, one run for many files;
- `mailbox`: the council's addresses the messages come from (one place, for settings);
- `drafts`: one unsent email per recipient, with that person's own documents attached;
- `invitations`: one calendar invitation per person, at the time that person joins;
- `pack`: the extra files and manifest entries `cpconf letters --pdf/--email/--ics` adds.
"""

from __future__ import annotations

from cpconf.sending.pack import Sending, SendingFiles, prepare_sending

__all__ = ["Sending", "SendingFiles", "prepare_sending"]
