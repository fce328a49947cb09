"""Blocking against the product it stands for: every (mentee, mentor) of equal keys, each once, whatever the
size of the chunks."""

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from matching.blocking import same_key

keys = st.lists(st.integers(0, 4), max_size=12)


class SameKeyTests(SimpleTestCase):
    @settings(max_examples=200, deadline=None)
    @given(mentee_keys=keys, mentor_keys=keys, chunk=st.integers(1, 10))
    def test_every_pair_of_equal_keys_is_a_candidate_once_in_chunks_of_the_size_asked(self, mentee_keys, mentor_keys,
                                                                                        chunk):
        # Rows are not positions: the blocks name the rows they were given.
        mentee_rows = np.arange(len(mentee_keys), dtype=np.int64) * 10 + 3
        mentor_rows = np.arange(len(mentor_keys), dtype=np.int64) * 7 + 1
        blocks = list(same_key(mentee_rows, np.array(mentee_keys, dtype=np.int64), mentor_rows,
                               np.array(mentor_keys, dtype=np.int64), chunk=chunk))
        found = [(int(i), int(j)) for b in blocks for i, j in zip(b.mentee, b.mentor, strict=True)]
        expected = [(int(mentee_rows[a]), int(mentor_rows[b])) for a, k in enumerate(mentee_keys)
                    for b, key in enumerate(mentor_keys) if k == key]
        self.assertEqual(sorted(found), sorted(expected))
        self.assertEqual(len(found), len(set(found)))
        # A block holds whole mentees and is over the chunk only for a mentee with more mentors than that.
        for b in blocks:
            self.assertTrue(len(b.mentee) <= chunk or len(set(b.mentee.tolist())) == 1)
