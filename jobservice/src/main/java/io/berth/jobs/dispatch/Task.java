package io.berth.jobs.dispatch;

import com.fasterxml.jackson.databind.JsonNode;

/** A task claimed by a worker: what to run, and how many times it has been tried (this one included). */
public record Task(long id, long executionId, String kind, JsonNode params, int attempts) {}
