package io.berth.common.scrub;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * The answer to a {@link ScrubCheck}: how many blobs and bytes were read, the cursor to continue after ({@code next},
 * the last digest checked; null when there is nothing after it), the blobs quarantined now, the mismatching ones left
 * for the next run because a push held them ({@code busy}), and the blobs that could not be read for another reason
 * than missing bytes ({@code failures}, e.g. storage unreachable: not quarantined).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ScrubChecked(int checked, long bytes, String next, List<ScrubFinding> quarantined, int busy, List<String> failures) {}
