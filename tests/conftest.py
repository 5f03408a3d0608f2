import os
import sys
from pathlib import Path

os.environ.setdefault("APL_TIER_STRICT", "1")  # a bug of the compiling tier's generator fails, not falls back

sys.path.insert(0, str(Path(__file__).parent))
