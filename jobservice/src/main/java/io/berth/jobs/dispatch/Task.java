package io.berth.jobs.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A task claimed by a worker: what to run, how many times it has been tried (this one included), and the
 * report its earlier attempts left (counters; an empty object at first).
 */
public record Task(long id, long executionId, String kind, JsonNode params, int attempts, JsonNode report) {}
