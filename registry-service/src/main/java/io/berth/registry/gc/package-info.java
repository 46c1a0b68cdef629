/**
 * Online garbage collection, the registry side (docs/gc.md). What is garbage is decided by indexed SQL over the
 * references ({@link io.berth.registry.gc.GcQueries}), never by a storage walk; every deletion locks its rows with
 * {@code FOR UPDATE SKIP LOCKED} (GC never waits for a push) and checks them again before deleting, and blob bytes are
 * deleted while their row is locked, before the row. Pushes lock what they use ({@code FOR KEY SHARE}) in the
 * transaction that records the use, and refresh {@code linked_at}/{@code touched_at}, so a push and a collection of
 * the same row serialise. The optional orphan sweep ({@link io.berth.registry.gc.OrphanSweeper}) is the only part that
 * lists storage, to find bytes no row accounts for. jobservice orchestrates runs through
 * {@link io.berth.registry.gc.GcRoutes}.
 */
package io.berth.registry.gc;
