"""Latin names with accented letters on a signature line (QA25: 「David Müller」 and 「José Núñez」 were
left in worksheet.xlsx, which goes to the departments; 「John Smith」 was masked). Invented letters."""
from __future__ import annotations

import pytest

from cluster.mask import MASKS, mask_personal_data
from cluster.pipeline import _split_pieces


@pytest.mark.parametrize("name", ["David Müller", "José Núñez", "Zoë Brontë", "François Lefèvre"])
def test_an_accented_latin_name_signing_the_letter_is_masked_and_is_no_opinion(name):
    text = f"Please extend the comment period to 60 days.\nBest regards,\n{name}"
    masked = mask_personal_data(text)
    assert name.split()[0] not in masked and name.split()[1] not in masked
    assert masked.endswith(MASKS["name"])
    pieces = _split_pieces(text, True)
    assert pieces[-1][3].endswith(name) and pieces[-1][4] == "greeting"
    assert all(name not in p[3] for p in pieces if p[4] == "ok")


def test_accented_words_inside_an_opinion_stay():
    text = "Please publish the guideline in English. The café near the station is a good meeting place."
    assert mask_personal_data(text) == text
