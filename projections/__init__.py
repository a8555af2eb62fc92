"""Read side: every question goes in through ``queries.Reader``; ``Reader.at(as_of,
known_at)`` binds both clocks once and answers through its parts (governance, money,
statements, audit), which load what they need and answer with pure read models (board,
minutes, event log, förbund) or the money queries of the reference fold
(``money_fold``) or the materialised view (``money_view``), held to agreement by
tests/test_agreement.py."""
