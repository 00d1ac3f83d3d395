"""pythainlp settings that must be in place before pythainlp is first imported.

The NLU never downloads anything: corpora come from the installed wheel only.
"""

import os

os.environ.setdefault("PYTHAINLP_OFFLINE", "1")
if "PYTHAINLP_READ_MODE" not in os.environ:  # pythainlp refuses both at once
    os.environ.setdefault("PYTHAINLP_READ_ONLY", "1")
