"""Read side: every question goes in through ``queries.Reader``, which loads what it
needs and answers with pure read models (board, minutes, event log, förbund) or the
money queries of the reference fold (``money_fold``) or the materialised view
(``money_view``), held to agreement by tests/test_agreement.py."""
