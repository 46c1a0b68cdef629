package io.berth.jobs.api;

import io.berth.service.http.HarborExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** jobservice answers every failure of its {@code /jobs} API in Harbor's shape, as core-service does: the shared mapper, registered here. */
@Provider
public class HarborErrors extends HarborExceptionMapper {}
