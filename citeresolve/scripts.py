"""Writing systems the detectors and the registry must tell apart."""

from __future__ import annotations

import re

# What: one character of a script written without spaces between words (kana, CJK ideographs,
# Hangul syllables). Why: phrases and names in those scripts are matched as substrings, since
# no word boundary marks where they start. Linear: a single character class.
UNSPACED = re.compile(r"[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]")
