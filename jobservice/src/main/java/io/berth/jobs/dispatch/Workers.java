package io.berth.jobs.dispatch;

import io.berth.common.config.JobserviceConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * The worker threads of this process: for each job kind, {@code jobservice.workers} threads that
 * take due tasks from the kind's stream, claim them in the database, run them while reporting a
 * heartbeat, and record the outcome — success, a retry after a doubling delay, Error once attempts
 * are spent, or Stopped when the execution is stopped.
 */
@ApplicationScoped
public class Workers {
    private static final Logger LOG = Logger.getLogger(Workers.class);
    /** How long a task its runner may not run yet waits before it is put on its stream again. */
    private static final Duration DEFERRAL = Duration.ofMillis(200);
    /** How long at most a task waits for a slot of its owner before it is put on its stream again. */
    private static final Duration FALLBACK = Duration.ofSeconds(1);

    private final TaskStore store;
    private final TaskQueue queue;
    private final Instance<TaskRunner> runners;
    private final JobserviceConfig config;
    private final String processName = ProcessHandle.current().pid() + "@" + hostName();
    private final List<String> kinds = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final ScheduledExecutorService heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "task-heartbeat");
        t.setDaemon(true);
        return t;
    });
    private volatile boolean running = true;
    /** Per owner of bounded concurrency ({@link TaskRunner#concurrencyKey}): tasks put back, waiting for a slot. */
    private final Map<Object, Queue<TaskStore.Due>> waiting = new ConcurrentHashMap<>();

    Workers(TaskStore store, TaskQueue queue, Instance<TaskRunner> runners, JobserviceConfig config) {
        this.store = store;
        this.queue = queue;
        this.runners = runners;
        this.config = config;
    }

    void start(@Observes StartupEvent event) {
        for (TaskRunner runner : runners) {
            kinds.add(runner.kind());
            for (int i = 0; i < runner.workers(config); i++) {
                String owner = processName + "/" + runner.kind() + "-" + i;
                Thread thread = new Thread(() -> loop(runner, owner), "worker-" + runner.kind() + "-" + i);
                thread.start();
                threads.add(thread);
            }
        }
        heartbeats.scheduleWithFixedDelay(this::poolHeartbeat, 0, 5, TimeUnit.SECONDS);
    }

    /** Keeps this process listed among the worker pools (Harbor's {@code /jobservice/pools}). */
    private void poolHeartbeat() {
        try {
            store.poolHeartbeat(processName, hostName(), ProcessHandle.current().pid(), String.join(",", kinds), config.workers());
        } catch (RuntimeException e) {
            LOG.warnf("worker pool heartbeat: %s", e.getMessage());
        }
    }

    void stop(@Observes ShutdownEvent event) throws InterruptedException {
        running = false;
        threads.forEach(Thread::interrupt);
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
        heartbeats.shutdownNow();
        try {
            store.poolGone(processName);
        } catch (RuntimeException e) {
            LOG.debugf("cannot unlist this worker pool: %s", e.getMessage());
        }
    }

    private void loop(TaskRunner runner, String owner) {
        boolean groupReady = false;
        while (running) {
            Thread.interrupted(); // whatever interrupted the last task is over
            try {
                if (!groupReady) {
                    queue.ensureGroup(runner.kind());
                    groupReady = true;
                }
                Optional<TaskQueue.Message> message = queue.next(runner.kind(), owner, Duration.ofSeconds(2));
                if (message.isEmpty()) {
                    continue;
                }
                store.claim(message.get().taskId(), owner).ifPresent(task -> run(runner, task, owner));
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("worker %s: %s; trying again in a second", owner, e.getMessage());
                groupReady = false;
                sleep(Duration.ofSeconds(1));
            }
        }
    }

    private void run(TaskRunner runner, Task task, String owner) {
        if (!runner.tryAcquire(task)) {
            store.putBack(task, owner);
            deferred(runner, task);
            return;
        }
        try {
            runAcquired(runner, task, owner);
        } finally {
            runner.release(task);
            wakeNext(runner, task);
        }
    }

    /**
     * A task put back because its owner's slots (a webhook policy's) are full goes back on its stream as soon as a task
     * of the same owner ends in this process, and after {@link #FALLBACK} in any case (the slot may have freed before it
     * was listed here); a second message of one task is harmless (only one claim succeeds).
     */
    private void deferred(TaskRunner runner, Task task) {
        TaskStore.Due due = new TaskStore.Due(task.id(), task.kind());
        Object key = runner.concurrencyKey(task);
        if (key != null) {
            waiting.computeIfAbsent(key, k -> new ConcurrentLinkedQueue<>()).add(due);
        }
        heartbeats.schedule(() -> republish(due), (key == null ? DEFERRAL : FALLBACK).toMillis(), TimeUnit.MILLISECONDS);
    }

    private void wakeNext(TaskRunner runner, Task task) {
        Object key = runner.concurrencyKey(task);
        Queue<TaskStore.Due> queued = key == null ? null : waiting.get(key);
        TaskStore.Due next = queued == null ? null : queued.poll();
        if (next != null) {
            republish(next);
        }
    }

    private void republish(TaskStore.Due due) {
        try {
            queue.publish(List.of(due));
        } catch (RuntimeException e) {
            LOG.debugf("task %d goes back to its stream after the visibility timeout: %s", due.id(), e.getMessage());
        }
    }

    private void runAcquired(TaskRunner runner, Task task, String owner) {
        TaskContext context = new TaskContext(task.report());
        AtomicBoolean stopRequested = new AtomicBoolean();
        Object runLock = new Object();
        boolean[] running = {true}; // guarded by runLock: no interrupt once the run is over
        Thread worker = Thread.currentThread();
        // often enough for a stop to act promptly, and well within the visibility timeout
        long every = Math.max(200, Math.min(2000, config.visibilityTimeout().toMillis() / 4));
        ScheduledFuture<?> heartbeat = heartbeats.scheduleWithFixedDelay(() -> {
            String lines = context.drainLog();
            try {
                if (!store.heartbeat(task.id(), owner, context.bytes(), context.report(), lines) && stopRequested.compareAndSet(false, true)) {
                    synchronized (runLock) {
                        if (running[0]) {
                            worker.interrupt();
                        }
                    }
                }
            } catch (RuntimeException e) {
                context.undrain(lines); // saved with the next heartbeat or the end
                LOG.warnf("heartbeat of task %d: %s", task.id(), e.getMessage());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        Throwable failure = null;
        try {
            context.log("attempt " + task.attempts() + " of " + runner.maxAttempts(config) + " on " + owner);
            runner.run(task, context);
        } catch (Throwable t) { // an Error too: the task must end, and this worker go on
            failure = t;
        } finally {
            heartbeat.cancel(false);
            synchronized (runLock) {
                running[0] = false;
            }
            Thread.interrupted();
        }
        try {
            record(runner, task, owner, context, failure, stopRequested.get());
        } catch (RuntimeException e) {
            // the database is unreachable: the task stays Running without heartbeats and is reclaimed later
            LOG.warnf("cannot record the end of task %d: %s", task.id(), e.getMessage());
        }
    }

    private void record(TaskRunner runner, Task task, String owner, TaskContext context, Throwable failure, boolean stopRequested) {
        if (failure == null) {
            store.finish(task, owner, "Success", null, context.bytes(), context.report(), context.drainLog());
            return;
        }
        String message = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
        if (stopRequested) {
            context.log("stopped");
            store.finish(task, owner, "Stopped", "stopped", context.bytes(), context.report(), context.drainLog());
        } else if (!this.running) {
            context.log("jobservice is shutting down; the task will run again");
            store.retryLater(task, owner, "interrupted by a shutdown", Duration.ZERO, context.bytes(), context.report(), context.drainLog());
        } else if (failure instanceof Exception e && runner.retryable(e) && task.attempts() < runner.maxAttempts(config)) {
            Duration delay = config.retryDelay().multipliedBy(1L << Math.min(10, task.attempts() - 1));
            context.log("failed: " + message + "; trying again in " + delay.toSeconds() + " s");
            store.retryLater(task, owner, message, delay, context.bytes(), context.report(), context.drainLog());
        } else {
            context.log("failed: " + message);
            LOG.warnf("task %d failed for good: %s", task.id(), message);
            store.finish(task, owner, "Error", message, context.bytes(), context.report(), context.drainLog());
        }
    }

    /** Pauses between attempts; an interrupt only cuts it short (shutdown is told by {@code running}). */
    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            // the loop checks whether to go on
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }
}
