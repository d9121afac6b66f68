package bench;

import java.util.Collections;
import java.util.Map;

/** The benchmarks' trivial handler (compiled by the benchmark, as Lambda runs classes). */
public class Handler {
    public Map<String, Object> handleRequest(Map<String, Object> event) {
        return Collections.singletonMap("ok", true);
    }
}
