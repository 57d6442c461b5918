-- Received lessons arrive from several deliveries at once. With GIN's pending list (fastupdate,
-- the default) every insert appends to the list under an exclusive lock on the index's
-- metapage, so concurrent inserts queue behind one another, and the insert that finds the list
-- full merges all of it into the index while the request waits. Without it each insert updates
-- only the index pages of its own entries, and searches never scan an unmerged list.
-- Push ingest measured with this change: 436 -> 663 lessons/s for 3,000 lessons, 738 -> 790
-- for 10,000, where the larger index costs each insert more (tests/bench/README.md).
ALTER INDEX received_lessons_search SET (fastupdate = off);
ALTER INDEX received_lessons_tags SET (fastupdate = off);
ALTER INDEX received_lessons_factors SET (fastupdate = off);
