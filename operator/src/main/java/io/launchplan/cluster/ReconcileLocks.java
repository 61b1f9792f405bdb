package io.launchplan.cluster;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A lock per key (a target Deployment, say), taken by a reconcile when it reads what other plans
 * of that key do and held until the reconcile has written its status ({@link #unlock}, at its end),
 * so two plans of one key never both decide on the same picture. A thread holds at most one key
 * of one instance at a time; callers take their locks in a fixed order (lane, then target).
 */
final class ReconcileLocks {
  private final ConcurrentHashMap<String, ReentrantLock> locks = new ConcurrentHashMap<>();
  private final ThreadLocal<ReentrantLock> held = new ThreadLocal<>();

  /** Locks {@code key} for the rest of this reconcile; a no-op when this thread already holds one. */
  void lock(String key) {
    if (held.get() == null) {
      ReentrantLock lock = locks.computeIfAbsent(key, k -> new ReentrantLock());
      lock.lock();
      held.set(lock);
    }
  }

  /** Releases the lock this thread holds, if any. */
  void unlock() {
    ReentrantLock lock = held.get();
    if (lock != null) {
      held.remove();
      lock.unlock();
    }
  }
}
