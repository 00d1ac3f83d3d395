import datetime as dt

import pytest

import nlu

REFERENCE_DAY = dt.date(2026, 11, 28)  # a Saturday, the reference day of DOMAIN.md


@pytest.fixture(scope="session")
def parse():
    """nlu.parse with today fixed to the reference day of DOMAIN.md."""
    nlu.warm_up()

    def _parse(text: str) -> nlu.Parse:
        return nlu.parse(text, today=REFERENCE_DAY)

    return _parse
