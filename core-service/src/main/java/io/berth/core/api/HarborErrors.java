package io.berth.core.api;

import io.berth.service.http.HarborExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** core-service answers every failure of its API, token service and login in Harbor's shape: the shared mapper, registered here. */
@Provider
public class HarborErrors extends HarborExceptionMapper {}
