package io.berth.common.scrub;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** A blob a scrub quarantined: why ({@code reason}), and the repositories that link it (those whose pulls of it now fail). */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScrubFinding(String digest, long size, String reason, List<String> repositories) {}
