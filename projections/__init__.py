"""Read side: pure folds over the event log and materialised views that agree with them."""
