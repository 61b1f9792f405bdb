package io.launchplan.notify;

import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The history entries whose notices this process has queued, per plan: how many of their
 * deliveries (one per webhook) are still open, so an entry is queued once per process, and the
 * reconciler can tell which are settled and move {@code status.notifiedThrough} past them. An
 * entry is kept while it is in the plan's history. A plan is known by namespace/name and UID: a
 * plan deleted and created again under the same name starts afresh.
 */
final class NoticeLedger {
  private final Map<PlanRef, Book> books = new ConcurrentHashMap<>();
  private volatile Consumer<PlanRef> listener = plan -> { };

  /** Told (on a notifier thread) when all deliveries of an entry are settled. */
  void onSettled(Consumer<PlanRef> listener) {
    this.listener = Objects.requireNonNull(listener);
  }

  /** Records an entry with {@code deliveries} open; false if it was already recorded. */
  boolean open(PlanRef plan, String uid, String entry, int deliveries) {
    Book book = book(plan, uid);
    synchronized (book) {
      return book.open.putIfAbsent(entry, deliveries) == null;
    }
  }

  /** One delivery of an entry is settled (delivered, or given up on); tells the listener when it was the last. */
  void settleOne(PlanRef plan, String uid, String entry) {
    Book book = books.get(plan);
    if (book == null || !book.uid.equals(uid)) {
      return;
    }
    boolean settled;
    synchronized (book) {
      Integer left = book.open.computeIfPresent(entry, (k, n) -> Math.max(n - 1, 0));
      settled = left != null && left == 0;
    }
    if (settled) {
      listener.accept(plan);
    }
  }

  boolean settled(PlanRef plan, String uid, String entry) {
    Book book = books.get(plan);
    if (book == null || !book.uid.equals(uid)) {
      return false;
    }
    synchronized (book) {
      Integer left = book.open.get(entry);
      return left != null && left == 0;
    }
  }

  /** Forgets the entries not among {@code entries} (they fell off the plan's history). */
  void keepOnly(PlanRef plan, String uid, Collection<String> entries) {
    Book book = book(plan, uid);
    synchronized (book) {
      book.open.keySet().retainAll(new HashSet<>(entries));
    }
  }

  void forget(PlanRef plan) {
    books.remove(plan);
  }

  private Book book(PlanRef plan, String uid) {
    return books.compute(plan, (p, b) -> b != null && b.uid.equals(uid) ? b : new Book(uid));
  }

  /** One plan's entries: entry key → deliveries still open (0 = settled). */
  private static final class Book {
    final String uid;
    final Map<String, Integer> open = new HashMap<>();

    Book(String uid) {
      this.uid = uid;
    }
  }
}
