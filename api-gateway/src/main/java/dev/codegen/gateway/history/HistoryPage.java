package dev.codegen.gateway.history;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** A page of history; {@code next_cursor} is null on the last page. */
public record HistoryPage(
    List<JobSummary> items,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("next_cursor") String nextCursor) {}
