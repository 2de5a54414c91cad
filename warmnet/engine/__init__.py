"""Warmnet's analysis engine: plain arrays in, plain results out; no Django here.

Start at :func:`analyse`; the families of measures live in their own modules
(balance, scenario, ties, warmth, groups, brokers, faultlines, signals,
suggestions) and every sentence they can produce is a key in ``texts``.
"""

from warmnet.engine.analyse import AnalysisResult, StageTiming, analyse
from warmnet.engine.data import NetworkData
from warmnet.engine.settings import AnalysisSettings, SettingsError

__all__ = [
    "AnalysisResult",
    "AnalysisSettings",
    "NetworkData",
    "SettingsError",
    "StageTiming",
    "analyse",
]
